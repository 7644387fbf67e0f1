package gazetteer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize maps a place name to the key used by the index, both when the
// index is built and when it is queried, so that "Kyïv", "KYIV" and "Kyiv"
// meet at the same key:
//
//   - lower case;
//   - diacritics stripped from Latin and Greek letters ("Île" → "ile");
//     other scripts keep their marks, because there a mark often makes a
//     different letter (Cyrillic й is not и, Japanese ガ is not カ);
//   - apostrophes and their look-alikes removed ("Kharkivs'ka" → "kharkivska");
//   - dots removed ("St. Louis" → "st louis", "U.S." → "us");
//   - hyphens, dashes and runs of white space become one space;
//   - leading and trailing space trimmed.
//
// Input that is already normal (ASCII lower case letters and digits with
// single inner spaces) is returned as is, without allocating.
func Normalize(s string) string {
	if isNormalASCII(s) {
		return s
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return normalizeUnicode(s)
		}
	}
	return normalizeASCII(s)
}

// isNormalASCII reports whether s is already its own normal form and uses
// only ASCII: the common case on the lookup path.
func isNormalASCII(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			prevSpace = false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case c >= utf8.RuneSelf, c >= 'A' && c <= 'Z', c == '.', c == '\'', c == '`', c == '-', c == '\t', c == '\n', c == '\r', c == '\v', c == '\f':
			return false
		default:
			// Other ASCII punctuation ("," "(" …) is kept as is.
			prevSpace = false
		}
	}
	return true
}

// normalizeASCII handles ASCII input that needs changes: no Unicode tables.
func normalizeASCII(s string) string {
	b := make([]byte, 0, len(s))
	pendingSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.' || c == '\'' || c == '`':
			continue
		case c == '-' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			pendingSpace = true
			continue
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		if pendingSpace && len(b) > 0 {
			b = append(b, ' ')
		}
		pendingSpace = false
		b = append(b, c)
	}
	return string(b)
}

// normalizeUnicode is the general path: NFD to split letters from their
// marks, drop the marks of Latin and Greek letters, fold, then NFC so that
// the marks we kept are recomposed into the canonical form.
func normalizeUnicode(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	pendingSpace := false
	stripMarks := false // whether the marks that follow belong to a Latin/Greek base
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) {
			if stripMarks {
				continue
			}
			b.WriteRune(r)
			continue
		}
		switch {
		case isApostrophe(r) || r == '.':
			continue
		case isDash(r) || unicode.IsSpace(r):
			pendingSpace = true
			continue
		}
		stripMarks = unicode.Is(unicode.Latin, r) || unicode.Is(unicode.Greek, r)
		if pendingSpace && b.Len() > 0 {
			b.WriteByte(' ')
		}
		pendingSpace = false
		r = unicode.ToLower(r)
		if f, ok := foldLetter(r); ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	out := b.String()
	if !norm.NFC.IsNormalString(out) {
		out = norm.NFC.String(out)
	}
	return out
}

// foldLetter maps Latin letters that NFD does not decompose to the plain
// letters that English text uses for them ("Łódź" is written "Lodz").
func foldLetter(r rune) (string, bool) {
	switch r {
	case 'ł':
		return "l", true
	case 'ø':
		return "o", true
	case 'đ', 'ð':
		return "d", true
	case 'ß':
		return "ss", true
	case 'æ':
		return "ae", true
	case 'œ':
		return "oe", true
	case 'ı':
		return "i", true
	case 'þ':
		return "th", true
	case 'ħ':
		return "h", true
	case 'ŀ':
		return "l", true
	}
	return "", false
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '´', '‘', '’', '‚', '‛', '′', 'ʹ', 'ʻ', 'ʼ', 'ʽ', 'ʾ', 'ʿ', 'ˈ', '＇', '｀':
		return true
	}
	return false
}

func isDash(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '―', '−', '⁃', '﹘', '﹣', '－':
		return true
	}
	return false
}
