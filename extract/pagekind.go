package extract

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/geoparse/geoparse/internal/wordset"
)

// classifyLines types each sentence from the line it stands on. News pages
// mix article text with captions, related-article headlines, share
// prompts and machine-translation banners; later stages treat each kind
// differently (no events from a headline of another article, no entities
// from a banner in another language).
func classifyLines(text string, toks []Token, sents []Sentence) {
	for a := 0; a < len(sents); {
		b := a + 1
		for b < len(sents) && !toks[sents[b].TokenStart].NewlineBefore {
			b++
		}
		kind := lineKind(toks[sents[a].TokenStart:sents[b-1].TokenEnd])
		for k := a; k < b; k++ {
			sents[k].Kind = kind
		}
		// The photo credit closing a caption names the agency and the
		// photographer, not the story's people.
		if last := sents[b-1]; kind == KindCaption && b-1 > a && toks[last.TokenStart].Text == "(" {
			sents[b-1].Kind = KindBoilerplate
		}
		a = b
	}
}

func lineKind(line []Token) SentenceKind {
	if len(line) == 0 {
		return KindBody
	}
	if isCaptionLine(line) {
		return KindCaption
	}
	if isBoilerplateLine(line) {
		return KindBoilerplate
	}
	if isAllCapsLine(line) {
		return KindHeadline
	}
	last := line[len(line)-1].Text
	for isCloser(last) && len(line) > 1 {
		line = line[:len(line)-1]
		last = line[len(line)-1].Text
	}
	if !isTerminator(last) && last != ":" && len(line) <= 16 {
		return KindHeadline // short line without final punctuation
	}
	return KindBody
}

// captionCredits are words of a photo credit in the parenthesis that
// closes a caption: "(AP Photo/Leo Correa)", "(Getty Images)".
var captionCredits = map[string]bool{
	"photo": true, "photos": true, "photograph": true, "image": true, "images": true,
	"getty": true, "reuters": true, "afp": true, "epa": true, "file": true,
	"pool": true, "video": true, "handout": true, "courtesy": true, "credit": true,
}

func isCaptionLine(line []Token) bool {
	n := len(line)
	if n < 4 || line[n-1].Text != ")" {
		return false
	}
	for i := n - 2; i >= 0 && n-i <= 12; i-- {
		if line[i].Text == "(" {
			break
		}
		for _, w := range strings.FieldsFunc(line[i].Text, func(r rune) bool { return r == '/' || r == ':' }) {
			if captionCredits[strings.ToLower(w)] {
				return true
			}
		}
	}
	return false
}

// boilerplatePhrases mark page furniture in English.
var boilerplatePhrases = [][]byte{
	[]byte("click here"), []byte("sign up"), []byte("subscribe"), []byte("download the"), []byte("get the"),
	[]byte("contributed to this report"), []byte("contributed reporting"), []byte("all rights reserved"),
	[]byte("follow us"), []byte("read more"), []byte("advertisement"), []byte("this website was automatically translated"),
	[]byte("this article was translated"),
}

// foreignFunctionWords are frequent function words of languages other than
// English that news sites put in translation banners. A line made mostly
// of them is not English text.
var foreignFunctionWords = wordset.Of(map[string]bool{
	// Spanish / Portuguese
	"el": true, "la": true, "los": true, "las": true, "fue": true, "para": true,
	"por": true, "este": true, "esta": true, "es": true, "sitio": true, "más": true,
	"haz": true, "aquí": true, "una": true, "del": true, "que": true, "y": true, "o": true,
	"foi": true, "não": true, "em": true, "um": true, "uma": true, "sobre": true,
	// French
	"le": true, "les": true, "est": true, "une": true, "des": true, "ce": true,
	"pour": true, "été": true, "cliquez": true, "ici": true, "et": true, "du": true,
	// German
	"der": true, "die": true, "das": true, "ist": true, "wurde": true, "und": true,
	"für": true, "hier": true, "diese": true, "klicken": true, "sie": true,
	// Italian
	"il": true, "di": true, "è": true, "stato": true, "clicca": true, "qui": true,
})

func isBoilerplateLine(line []Token) bool {
	words, foreign := 0, 0
	var buf [16]byte
	for _, t := range line {
		if isWordToken(t.Text) {
			words++
			// Every foreign function word has at most 8 bytes.
			if len(t.Text) <= 8 && foreignFunctionWords.Has(appendLower(buf[:0], t.Text)) {
				foreign++
			}
		}
	}
	if words >= 4 && foreign*4 >= words {
		return true
	}
	// A long body sentence may say "subscribe" in passing; furniture is
	// short.
	if len(line) > 20 {
		return false
	}
	var lineBuf [256]byte
	b := lineBuf[:0]
	for i, t := range line {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendLower(b, t.Text)
	}
	for _, p := range boilerplatePhrases {
		if bytes.Contains(b, p) {
			return true
		}
	}
	return false
}

// appendLower appends strings.ToLower(s) to dst, without the string for
// ASCII s.
func appendLower(dst []byte, s string) []byte {
	start := len(dst)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return append(dst[:start], strings.ToLower(s)...)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// isASCIILetter reports whether c is an ASCII letter, either case.
func isASCIILetter(c byte) bool {
	lc := c | 0x20
	return 'a' <= lc && lc <= 'z'
}

func isWordToken(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			for _, r := range s[i:] {
				if unicode.IsLetter(r) {
					return true
				}
			}
			return false
		}
		if isASCIILetter(c) {
			return true
		}
	}
	return false
}

func isUpperRune(r rune) bool { return unicode.IsUpper(r) }
