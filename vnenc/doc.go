// Package vnenc converts the legacy Vietnamese encodings to and from
// Unicode, repairs their mojibake and detects which one a text is in.
//
// Each encoding (TCVN3, VNI, VISCII, CP1258, VIQR) is a
// golang.org/x/text/encoding.Encoding, so its decoder and encoder are
// transform.Transformers that compose with the rest of x/text. Decoders
// write UTF-8 in NFC and never fail; encoders accept UTF-8 in any
// normalization form and fail with an *UnsupportedRuneError on a character
// the encoding lacks.
//
// Detect scores the ways a text can be read — as it is, in each legacy
// encoding, or as mojibake (legacy bytes shown through Windows-1252 or
// Latin-1 and saved again as UTF-8) — by how many of its words become
// Vietnamese syllables, and DecodeAuto applies the best one. Text that is
// already clean Unicode, Vietnamese or English, is left as it is.
package vnenc
