package vnenc

// The byte tables of the single-byte encodings, upper half (0x80–0xFF) as
// Unicode, row by row, plus the C0 positions that an encoding reuses for
// letters. They were typed from the published standards (TCVN 5712:1993
// table VN1, VISCII 1.1 as reprinted in RFC 1456, Microsoft's code page 1258)
// and are checked byte by byte against glibc's iconv (TCVN5712-1, VISCII,
// CP1258) by TestIconvTables when iconv is installed. U+FFFD marks a byte the
// encoding leaves undefined.

// tcvn3High is TCVN 5712:1993 VN1, 0x80–0xFF. Its VN3 subset (the ".VnTime"
// fonts) is the same table without the upper-case toned vowels of 0x80–0x9F
// and of the C0 positions; VN1 decodes VN3 text unchanged.
const tcvn3High = "" +
	"\u00c0\u1ea2\u00c3\u00c1\u1ea0\u1eb6\u1eac\u00c8\u1eba\u1ebc\u00c9\u1eb8\u1ec6\u00cc\u1ec8\u0128" + // 0x80 À Ả Ã Á Ạ Ặ Ậ È Ẻ Ẽ É Ẹ Ệ Ì Ỉ Ĩ
	"\u00cd\u1eca\u00d2\u1ece\u00d5\u00d3\u1ecc\u1ed8\u1edc\u1ede\u1ee0\u1eda\u1ee2\u00d9\u1ee6\u0168" + // 0x90 Í Ị Ò Ỏ Õ Ó Ọ Ộ Ờ Ở Ỡ Ớ Ợ Ù Ủ Ũ
	"\u00a0\u0102\u00c2\u00ca\u00d4\u01a0\u01af\u0110\u0103\u00e2\u00ea\u00f4\u01a1\u01b0\u0111\u1eb0" + // 0xA0 nbsp Ă Â Ê Ô Ơ Ư Đ ă â ê ô ơ ư đ Ằ
	"\u0300\u0309\u0303\u0301\u0323\u00e0\u1ea3\u00e3\u00e1\u1ea1\u1eb2\u1eb1\u1eb3\u1eb5\u1eaf\u1eb4" + // 0xB0 5 combining tones, à ả ã á ạ Ẳ ằ ẳ ẵ ắ Ẵ
	"\u1eae\u1ea6\u1ea8\u1eaa\u1ea4\u1ec0\u1eb7\u1ea7\u1ea9\u1eab\u1ea5\u1ead\u00e8\u1ec2\u1ebb\u1ebd" + // 0xC0 Ắ Ầ Ẩ Ẫ Ấ Ề ặ ầ ẩ ẫ ấ ậ è Ể ẻ ẽ
	"\u00e9\u1eb9\u1ec1\u1ec3\u1ec5\u1ebf\u1ec7\u00ec\u1ec9\u1ec4\u1ebe\u1ed2\u0129\u00ed\u1ecb\u00f2" + // 0xD0 é ẹ ề ể ễ ế ệ ì ỉ Ễ Ế Ồ ĩ í ị ò
	"\u1ed4\u1ecf\u00f5\u00f3\u1ecd\u1ed3\u1ed5\u1ed7\u1ed1\u1ed9\u1edd\u1edf\u1ee1\u1edb\u1ee3\u00f9" + // 0xE0 Ổ ỏ õ ó ọ ồ ổ ỗ ố ộ ờ ở ỡ ớ ợ ù
	"\u1ed6\u1ee7\u0169\u00fa\u1ee5\u1eeb\u1eed\u1eef\u1ee9\u1ef1\u1ef3\u1ef7\u1ef9\u00fd\u1ef5\u1ed0" //   0xF0 Ỗ ủ ũ ú ụ ừ ử ữ ứ ự ỳ ỷ ỹ ý ỵ Ố

// tcvn3Low are the C0 positions where VN1 puts upper-case letters.
var tcvn3Low = map[byte]rune{
	0x01: 'Ú', 0x02: 'Ụ', 0x04: 'Ừ', 0x05: 'Ử', 0x06: 'Ữ',
	0x11: 'Ứ', 0x12: 'Ự', 0x13: 'Ỳ', 0x14: 'Ỷ', 0x15: 'Ỹ', 0x16: 'Ý', 0x17: 'Ỵ',
}

// visciiHigh is VISCII 1.1, 0x80–0xFF.
const visciiHigh = "" +
	"\u1ea0\u1eae\u1eb0\u1eb6\u1ea4\u1ea6\u1ea8\u1eac\u1ebc\u1eb8\u1ebe\u1ec0\u1ec2\u1ec4\u1ec6\u1ed0" + // 0x80
	"\u1ed2\u1ed4\u1ed6\u1ed8\u1ee2\u1eda\u1edc\u1ede\u1eca\u1ece\u1ecc\u1ec8\u1ee6\u0168\u1ee4\u1ef2" + // 0x90
	"\u00d5\u1eaf\u1eb1\u1eb7\u1ea5\u1ea7\u1ea9\u1ead\u1ebd\u1eb9\u1ebf\u1ec1\u1ec3\u1ec5\u1ec7\u1ed1" + // 0xA0
	"\u1ed3\u1ed5\u1ed7\u1ee0\u01a0\u1ed9\u1edd\u1edf\u1ecb\u1ef0\u1ee8\u1eea\u1eec\u01a1\u1edb\u01af" + // 0xB0
	"\u00c0\u00c1\u00c2\u00c3\u1ea2\u0102\u1eb3\u1eb5\u00c8\u00c9\u00ca\u1eba\u00cc\u00cd\u0128\u1ef3" + // 0xC0
	"\u0110\u1ee9\u00d2\u00d3\u00d4\u1ea1\u1ef7\u1eeb\u1eed\u00d9\u00da\u1ef9\u1ef5\u00dd\u1ee1\u01b0" + // 0xD0
	"\u00e0\u00e1\u00e2\u00e3\u1ea3\u0103\u1eef\u1eab\u00e8\u00e9\u00ea\u1ebb\u00ec\u00ed\u0129\u1ec9" + // 0xE0
	"\u0111\u1ef1\u00f2\u00f3\u00f4\u00f5\u1ecf\u1ecd\u1ee5\u00f9\u00fa\u0169\u1ee7\u00fd\u1ee3\u1eee" //   0xF0

// visciiLow are the six C0 positions VISCII reuses for letters.
var visciiLow = map[byte]rune{
	0x02: 'Ẳ', 0x05: 'Ẵ', 0x06: 'Ẫ', 0x14: 'Ỷ', 0x19: 'Ỹ', 0x1E: 'Ỵ',
}

// cp1258High is Windows code page 1258, 0x80–0xFF: Windows-1252 with the
// Vietnamese base letters and five combining tone marks in place of some
// Western letters.
const cp1258High = "" +
	"\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\ufffd\u2039\u0152\ufffd\ufffd\ufffd" + // 0x80
	"\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\ufffd\u203a\u0153\ufffd\ufffd\u0178" + // 0x90
	"\u00a0\u00a1\u00a2\u00a3\u00a4\u00a5\u00a6\u00a7\u00a8\u00a9\u00aa\u00ab\u00ac\u00ad\u00ae\u00af" + // 0xA0
	"\u00b0\u00b1\u00b2\u00b3\u00b4\u00b5\u00b6\u00b7\u00b8\u00b9\u00ba\u00bb\u00bc\u00bd\u00be\u00bf" + // 0xB0
	"\u00c0\u00c1\u00c2\u0102\u00c4\u00c5\u00c6\u00c7\u00c8\u00c9\u00ca\u00cb\u0300\u00cd\u00ce\u00cf" + // 0xC0
	"\u0110\u00d1\u0309\u00d3\u00d4\u01a0\u00d6\u00d7\u00d8\u00d9\u00da\u00db\u00dc\u01af\u0303\u00df" + // 0xD0
	"\u00e0\u00e1\u00e2\u0103\u00e4\u00e5\u00e6\u00e7\u00e8\u00e9\u00ea\u00eb\u0301\u00ed\u00ee\u00ef" + // 0xE0
	"\u0111\u00f1\u0323\u00f3\u00f4\u01a1\u00f6\u00f7\u00f8\u00f9\u00fa\u00fb\u00fc\u01b0\u20ab\u00ff" //   0xF0

// windows1252High is Windows code page 1252, 0x80–0x9F (0xA0–0xFF is
// Latin-1). Its five undefined bytes read as the C1 controls of the same
// value, as Windows and the WHATWG encoding standard read them. It is the
// code page that turns legacy bytes into mojibake.
const windows1252High = "" +
	"\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" + // 0x80
	"\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178" //   0x90
