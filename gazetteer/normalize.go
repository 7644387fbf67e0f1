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
	return string(appendNormalASCII(make([]byte, 0, len(s)), s))
}

// appendNormalASCII appends the normal form of ASCII s to b.
func appendNormalASCII(b []byte, s string) []byte {
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
	return b
}

// normalizeInto is Normalize, writing an ASCII normal form into buf (the
// result then points into buf) so that the lookup path does not allocate.
func normalizeInto(buf []byte, s string) string {
	if isNormalASCII(s) {
		return s
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return normalizeUnicode(s)
		}
	}
	return bytesString(appendNormalASCII(buf[:0], s))
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

// variantKey folds a normalized key (see Normalize) further, so that the
// common romanizations of one Ukrainian or Russian name meet: Kyiv and
// Kiev, Kharkiv and Kharkov, Izium and Izyum, Balakliia and Balakleya,
// Zaliznychne and Zaliznyche, Horlivka and Gorlovka, Odesa and Odessa.
// The rules, applied to each word of an ASCII key:
//
//   - "chn" becomes "ch" (Ukrainian чн is often written ch);
//   - "o" before "v" at the end of a word or before a consonant becomes
//     "i" (Ukrainian і where Russian has о: Lviv/Lvov, Horlivka/Gorlovka);
//   - "e", "y" and "j" become "i" (і, и, й, е, є, ї, ю, я are written
//     i, y, e, ie, ye, yi, iu, yu, ia, ya …); "w" becomes "v" and "g"
//     becomes "h" (German romanizations; Ukrainian г is h, Russian g);
//   - runs of one letter become one ("kiiv" → "kiv", "odessa" → "odesa").
//
// The fold is lossy, so the index keeps these keys apart from the exact
// ones, only for places in countries whose names are romanized from
// Ukrainian or Russian (variantCountry), and Lookup consults them only
// when the exact key finds nothing. A key with letters outside ASCII has
// no variant key: "".
func variantKey(key string) string {
	b := appendVariantKey(nil, key)
	if b == nil {
		return ""
	}
	return string(b)
}

// appendVariantKey appends the variant key of key to b; nil if it has none.
func appendVariantKey(b []byte, key string) []byte {
	for i := 0; i < len(key); i++ {
		if key[i] >= utf8.RuneSelf {
			return nil
		}
	}
	if len(key) == 0 {
		return nil
	}
	b = b[:0]
	wordStart := 0
	for i := 0; i < len(key); i++ {
		c := key[i]
		if c == ' ' {
			b = append(b, ' ')
			wordStart = len(b)
			continue
		}
		switch c {
		case 'c':
			if i+2 < len(key) && key[i+1] == 'h' && key[i+2] == 'n' {
				b = appendFolded(b, wordStart, 'c')
				b = appendFolded(b, wordStart, 'h')
				i += 2
				continue
			}
		case 'o':
			if i+1 < len(key) && (key[i+1] == 'v' || key[i+1] == 'w') &&
				(i+2 == len(key) || key[i+2] == ' ' || isConsonant(key[i+2])) {
				c = 'i'
			}
		case 'y', 'e', 'j':
			c = 'i'
		case 'w':
			c = 'v'
		case 'g':
			c = 'h'
		}
		b = appendFolded(b, wordStart, c)
	}
	return b
}

// appendFolded appends c unless the word already ends in it.
func appendFolded(b []byte, wordStart int, c byte) []byte {
	if len(b) > wordStart && b[len(b)-1] == c {
		return b
	}
	return append(b, c)
}

func isConsonant(c byte) bool {
	if c < 'a' || c > 'z' {
		return false
	}
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'j':
		return false
	}
	return true
}

// variantCountry reports whether the names of places in country iso2 get
// variant keys: countries whose place names English text romanizes from
// Ukrainian or Russian, in more than one way.
func variantCountry(iso2 string) bool {
	switch iso2 {
	case "UA", "RU", "BY", "MD", "KZ", "KG", "TJ":
		return true
	}
	return false
}
