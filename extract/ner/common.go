package ner

import (
	"unicode"
	"unicode/utf8"
)

// IsCommonWord reports whether w is an ordinary word of the training text:
// seen at least a few times and mostly written in lower case in running
// text ("major", "key", "troops"). Callers use it where casing carries no
// signal, as in ALL-CAPS headlines, to keep such words from being read as
// names. The answer comes from the model's hashed word-class table, so a
// rare hash collision can make an unseen word look common.
func (m *Model) IsCommonWord(w string) bool {
	if len(m.vocab) == 0 || w == "" {
		return false
	}
	var buf [64]rune
	lr := appendLowerRunes(buf[:0], w)
	wc := m.vocab[bucketOf(hashRunes(fnvOffset, lr), m.vbits)]
	freq, capClass := wc>>4&15, wc&15
	return freq >= commonMinFreqClass && (capClass == capNever || capClass == capRare)
}

// commonMinFreqClass is the smallest frequency class (bit length of the
// training count) of a common word: seen at least 4 times.
const commonMinFreqClass = 3

// appendLowerRunes appends the code points of s, lower-cased, to dst.
func appendLowerRunes(dst []rune, s string) []rune {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r = unicode.ToLower(r)
		}
		dst = append(dst, r)
	}
	return dst
}
