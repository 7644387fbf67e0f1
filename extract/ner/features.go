package ner

import (
	"unicode"
	"unicode/utf8"
)

// FNV-1a, 64 bit.
const (
	fnvOffset uint64 = 14695981039346656037
	fnvPrime  uint64 = 1099511628211
)

// hashBytes hashes b with FNV-1a starting from h.
func hashBytes(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// hashRunes hashes code points (as 32-bit little-endian units) with FNV-1a.
func hashRunes(h uint64, rs []rune) uint64 {
	for _, r := range rs {
		u := uint32(r)
		h ^= uint64(u & 0xff)
		h *= fnvPrime
		h ^= uint64(u >> 8 & 0xff)
		h *= fnvPrime
		h ^= uint64(u >> 16)
		h *= fnvPrime
	}
	return h
}

func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// mix folds a 64-bit word into an FNV-style running hash.
func mix(h, x uint64) uint64 {
	h ^= x
	h *= fnvPrime
	h ^= h >> 32
	return h
}

// Special component hashes for positions outside the sentence.
var (
	hashBOS = hashString(fnvOffset, "\x00<s>")
	hashEOS = hashString(fnvOffset, "\x00</s>")
)

// Shape returns the word shape of w: upper-case letters map to 'X',
// lower-case (and caseless) letters to 'x', digits to 'd', anything else to
// itself, and runs of one class longer than four are cut at four:
// "Berlin" → "Xxxxx", "NATO" → "XXXX", "96" → "dd", "U.S." → "X.X.".
func Shape(w string) string { return string(appendShape(nil, w, 4)) }

// ShortShape is Shape with every run collapsed to one character:
// "Berlin" → "Xx", "1996-08-22" → "d-d-d", "U.S." → "X.X.".
func ShortShape(w string) string { return string(appendShape(nil, w, 1)) }

func shapeClass(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		switch {
		case 'A' <= r && r <= 'Z':
			return 'X'
		case 'a' <= r && r <= 'z':
			return 'x'
		case '0' <= r && r <= '9':
			return 'd'
		}
		return r
	case unicode.IsUpper(r):
		return 'X'
	case unicode.IsLetter(r):
		return 'x'
	case unicode.IsDigit(r):
		return 'd'
	}
	return r
}

func appendShape(dst []byte, w string, maxRun int) []byte {
	var last rune = -1
	run := 0
	for _, r := range w {
		c := shapeClass(r)
		if c == last {
			run++
			if run > maxRun {
				continue
			}
		} else {
			last, run = c, 1
		}
		if c < utf8.RuneSelf {
			dst = append(dst, byte(c))
		} else {
			dst = utf8.AppendRune(dst, c)
		}
	}
	return dst
}

// Token flags.
const (
	flagTitle    = 1 << iota // First letter upper case, some lower case.
	flagAllCaps              // Has letters, none lower case.
	flagDigit                // Has a digit.
	flagHyphen               // Has '-'.
	flagPeriod               // Has '.'.
	flagAllDigit             // Only digits.
	flagLetter               // Has a letter.
	flagInnerCap             // Mixed case with an upper-case letter after the first rune ("McDonald").
	flagPunct                // No letter nor digit.
)

func tokenFlags(w string) uint32 {
	var f uint32
	nLetter, nUpper, nLower, nDigit, n := 0, 0, 0, 0, 0
	firstUpper, innerUpper := false, false
	for i, r := range w {
		n++
		switch {
		case r < utf8.RuneSelf && 'a' <= r && r <= 'z', r >= utf8.RuneSelf && unicode.IsLower(r):
			nLetter++
			nLower++
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z', r >= utf8.RuneSelf && unicode.IsUpper(r):
			nLetter++
			nUpper++
			if i == 0 {
				firstUpper = true
			} else {
				innerUpper = true
			}
		case r < utf8.RuneSelf && '0' <= r && r <= '9', r >= utf8.RuneSelf && unicode.IsDigit(r):
			nDigit++
		case r == '-':
			f |= flagHyphen
		case r == '.':
			f |= flagPeriod
		case r >= utf8.RuneSelf && unicode.IsLetter(r):
			nLetter++
		}
	}
	if firstUpper && nLower > 0 {
		f |= flagTitle
	}
	if innerUpper && nLower > 0 {
		f |= flagInnerCap
	}
	if nUpper > 0 && nLower == 0 {
		f |= flagAllCaps
	}
	if nDigit > 0 {
		f |= flagDigit
		if nDigit == n {
			f |= flagAllDigit
		}
	}
	if nLetter > 0 {
		f |= flagLetter
	}
	if nLetter == 0 && nDigit == 0 {
		f |= flagPunct
	}
	return f
}

// SentenceCasing returns the fraction of the alphabetic tokens of a sentence
// (tokens with at least one letter) that are ALL-CAPS, and the fraction that
// start with an upper-case letter (title case or all caps). Both are 0 when
// no token has a letter.
func SentenceCasing(tokens []string) (allCaps, capitalized float64) {
	nAlpha, nCaps, nCap := 0, 0, 0
	for _, t := range tokens {
		f := tokenFlags(t)
		if f&flagLetter == 0 {
			continue
		}
		nAlpha++
		if f&flagAllCaps != 0 {
			nCaps++
		}
		if f&(flagAllCaps|flagTitle) != 0 {
			nCap++
		}
	}
	if nAlpha == 0 {
		return 0, 0
	}
	return float64(nCaps) / float64(nAlpha), float64(nCap) / float64(nAlpha)
}

// casingBucket buckets SentenceCasing's all-caps fraction: 0 no letters,
// 1 < 0.25, 2 < 0.6, 3 < 0.9, 4 otherwise.
func casingBucket(nAlpha int, frac float64) uint64 {
	switch {
	case nAlpha == 0:
		return 0
	case frac < 0.25:
		return 1
	case frac < 0.6:
		return 2
	case frac < 0.9:
		return 3
	}
	return 4
}

// tokInfo holds the per-token component hashes from which features are built.
type tokInfo struct {
	word, lower, shape, short uint64
	pre, suf                  [4]uint64
	flags                     uint32
	wc                        uint16 // word class from the vocabulary table
	name                      uint8  // given-name class from the name table
}

// Feature template ids. Never renumber: they are part of the model.
const (
	tBias = iota + 1
	tWord
	tLower
	tShape
	tShort
	tPre1
	tPre2
	tPre3
	tPre4
	tSuf1
	tSuf2
	tSuf3
	tSuf4
	tFlags
	tLowerM1
	tLowerM2
	tLowerP1
	tLowerP2
	tShortM1
	tShortM2
	tShortP1
	tShortP2
	tLowerM1Lower
	tLowerLowerP1
	tShortTri
	tCase
	tCaseShape
	tCaseLower
	tCaseFlags
	tPos
	tFirstLower
	tFirstShape
	tFreq
	tCap
	tCapFirst
	tCapCase
	tWordM1
	tWordP1
	tTitleShape
	tLowerM1Short
	tShortLowerP1
	tCapM1
	tCapP1
	tSuf3M1
	tSuf3P1
	tLen
	// Lexicon templates.
	tLex1
	tLexM1
	tLexP1
	tLexM2
	tLexC
	tLexP2
	// Phrase memory templates.
	tMem
	tMemLen
	tLabDist
	tLabDistM1
	tLabDistP1
	// Label history templates.
	tP1
	tP1P2
	tP1Lower
	tP1Short
	tP1P2Short
	tP1LowerM1
	// Given-name templates.
	tName
	tNameM1
	tNameP1
	// Document templates (second pass).
	tDocMaj
	tDocMask
	tDocCase
	tDocPos
	tDocNb
)

// Key builders.
func k1(t uint64, a uint64) uint64       { return mix(mix(fnvOffset, t), a) }
func k2(t uint64, a, b uint64) uint64    { return mix(mix(mix(fnvOffset, t), a), b) }
func k3(t uint64, a, b, c uint64) uint64 { return mix(mix(mix(mix(fnvOffset, t), a), b), c) }

// bucketOf maps a feature key to a table row.
func bucketOf(key uint64, bits uint8) uint32 {
	key ^= key >> 31
	key *= 0x9E3779B97F4A7C15
	return uint32(key >> (64 - bits))
}
