package main

import "testing"

func TestNonEmptyLines(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ĐẢNG BỘ\nSố 12\n\nĐẢNG CỘNG SẢN\n", "ĐẢNG BỘ\nSố 12\nĐẢNG CỘNG SẢN"},
		{"trang 1\n\f\ntrang 2\n", "trang 1\ntrang 2"},
		{"\n \n", ""},
	}
	for _, tt := range tests {
		if got := nonEmptyLines(tt.in); got != tt.want {
			t.Errorf("nonEmptyLines(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
