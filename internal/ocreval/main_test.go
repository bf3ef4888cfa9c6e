package main

import (
	"reflect"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Điều 5. Phạm vi", []string{"Điều", "5", "Phạm", "vi"}},
		{"(KTĐG) kết", []string{"KTĐG", "kết"}},
		{"Ðảng — \"xây dựng\"", []string{"Ðảng", "xây", "dựng"}},
		{"ho\u0323c", []string{"học"}}, // NFD in, NFC out
	}
	for _, tt := range tests {
		if got := Words(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"khẩn trương triển khai", "khẩn trương triển khai", 0},
		{"khẩn trương triển khai", "khân trương triên khai", 2},
		{"a b c", "a c", 1},
		{"a b", "a b c d", 2},
		{"", "a", 1},
	}
	for _, tt := range tests {
		if got := EditDistance(Words(tt.a), Words(tt.b)); got != tt.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
