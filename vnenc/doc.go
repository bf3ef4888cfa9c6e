// Package vnenc converts the legacy Vietnamese encodings to and from
// Unicode, repairs their mojibake and detects which one a text is in.
//
// # Encodings
//
// TCVN3, VNI, VISCII, CP1258 and VIQR are each a
// golang.org/x/text/encoding.Encoding, so their decoders and encoders are
// transform.Transformers that compose with the rest of x/text (readers,
// writers, chains). Decoders never fail and write UTF-8 in NFC (VIQR's
// leaves the non-ASCII characters it passes through as they are); encoders
// accept UTF-8 in any normalization form.
//
//   - TCVN3 is TCVN 5712:1993. It decodes the full table VN1; the VN3 set of
//     the ".VnTime" (ABC) fonts is a subset of it. It encodes to VN1, the
//     only form with every letter, as iconv's TCVN5712-1 does.
//   - TCVN3Caps is TCVN3 for text set in the ".VnTimeH" capital fonts, which
//     draw lower-case codes as capitals: the bytes of "CỘNG HÒA" are those of
//     "céng hoµ". The font is not in the text, so TCVN3 (and detection) keep
//     the case the codes have, and TCVN3Caps is the documented option for
//     text known to be set in .VnTimeH: it upper-cases what it decodes.
//   - VNI is VNI-Windows: base letters followed by mark bytes ("Vie\xe4t").
//   - VISCII is VISCII 1.1, one byte per precomposed letter.
//   - CP1258 is Windows-1258, whose tone marks are combining bytes: the
//     decoder composes them, the encoder writes a letter the code page lacks
//     as base + tone byte, byte for byte as iconv's CP1258.
//   - VIQR is RFC 1456's "Vie^.t Nam": shape marks ( ^ +, tone marks ' ` ? ~ .
//     after the vowel, dd/DD for đ/Đ, and a backslash before a character
//     that would otherwise be read as a mark ("Ha\." is "Ha."). The encoder
//     escapes exactly where the decoder would misread. Other non-ASCII
//     characters pass through VIQR unchanged both ways.
//
// A character an encoding cannot represent, such as the curly quotes, dashes
// and ellipsis that TCVN3 and VISCII lack, makes the encoder fail with an
// *UnsupportedRuneError; wrap it with encoding.ReplaceUnsupported to write
// '?' instead. VNI and CP1258 keep Windows-1252's punctuation.
//
// # Mojibake
//
// Mojibake(e) is the encoding of e's bytes shown through Windows-1252 (or
// Latin-1) and saved as UTF-8: "§¶ng Céng s¶n ViÖt Nam" is TCVN3 and
// "Ñaûng Coäng saûn Vieät Nam" is VNI. Its decoder repairs such text.
//
// # Detection
//
// Detect scores every reading of a text — as it is, in each legacy
// encoding, as the mojibake of each — by its words: a word with non-ASCII
// letters counts for a reading if it is a Vietnamese syllable
// (lexicon.ParseSyllable) spelled in one case shape with the tone mark where
// one of the two placement styles puts it, and against it otherwise;
// control characters and U+FFFD count twice against. Ties go to the reading
// whose words are more frequent when a unigram model is at hand. Text that
// reads well as it is (clean Unicode Vietnamese, English, Vietnamese typed
// without marks) is never converted: a legacy or mojibake reading must beat
// it by two words at least and read mostly as Vietnamese. Plain ASCII is
// read as VIQR only with VIQR marks inside words (a shape mark, or a tone
// mark followed by a letter, or a word-initial dd) that make syllables, or
// with VIQR escapes.
//
// DecodeAuto applies the verdict to a whole text. When some words of a
// multi-line text read badly and no reading of the whole does better, it
// decodes line by line (DecodeAutoLines) and reports "mixed". NewReader
// detects from the first 64 KiB and streams. For a caller:
//
//	out, d, err := vnenc.DecodeAuto(data)  // out is UTF-8 NFC; d.Name() is "tcvn3", "utf-8", "mixed", ...
//	out, ds, err := vnenc.DecodeAutoLines(data) // one Detection per line
//	r, d, err := vnenc.NewReader(file)     // streaming
package vnenc
