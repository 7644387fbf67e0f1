package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
)

// Tokenize splits text into tokens with prose's tokenizer and aligns each
// token to its code point and byte offsets in text.
//
// prose rewrites curly quotes to ASCII ones before splitting and returns
// token strings without offsets, so alignment walks the original text and
// treats a curly quote as equal to its ASCII twin. The tagger, segmenter
// and entity model of prose are switched off: they cost 10–50× the
// tokenizer.
func Tokenize(text string) []Token {
	if text == "" {
		return nil
	}
	doc, err := prose.NewDocument(text,
		prose.WithTagging(false),
		prose.WithSegmentation(false),
		prose.WithExtraction(false))
	if err != nil {
		return nil
	}
	ptoks := doc.Tokens()
	out := make([]Token, 0, len(ptoks))
	a := aligner{text: text}
	for _, pt := range ptoks {
		if tok, ok := a.next(pt.Text); ok {
			out = append(out, tok)
		}
	}
	return out
}

// aligner finds successive token strings in the original text.
type aligner struct {
	text  string
	pos   int // byte position in text
	runes int // code points before pos
	seen  bool
}

// equivalent reports whether r in the original text matches t in prose's
// sanitized text.
func equivalent(r, t rune) bool {
	if r == t {
		return true
	}
	switch t {
	case '"':
		return r == '\u201c' || r == '\u201d'
	case '\'':
		return r == '\u2018' || r == '\u2019'
	}
	return false
}

func (a *aligner) next(tok string) (Token, bool) {
	// Skip whitespace, remembering what kind.
	space, newline := !a.seen, false
	for a.pos < len(a.text) {
		r, size := utf8.DecodeRuneInString(a.text[a.pos:])
		if !unicode.IsSpace(r) {
			break
		}
		space = true
		if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' {
			newline = true
		}
		a.pos += size
		a.runes++
	}
	a.seen = true
	start, startRunes := a.pos, a.runes
	p, n := a.pos, a.runes
	ok := true
	for _, t := range tok {
		if p >= len(a.text) {
			ok = false
			break
		}
		if t == '\'' && strings.HasPrefix(a.text[p:], "&rsquo;") {
			// prose reads the HTML entity as an apostrophe.
			p += len("&rsquo;")
			n += len("&rsquo;")
			continue
		}
		r, size := utf8.DecodeRuneInString(a.text[p:])
		if !equivalent(r, t) {
			ok = false
			break
		}
		p += size
		n++
	}
	if !ok {
		// prose never drops or invents characters other than the
		// sanitized ones, so a mismatch means an unexpected rewrite:
		// search forward for the token rather than lose sync.
		i := strings.Index(a.text[a.pos:], tok)
		if i < 0 {
			return Token{}, false
		}
		a.runes += utf8.RuneCountInString(a.text[a.pos : a.pos+i])
		a.pos += i
		start, startRunes = a.pos, a.runes
		p = a.pos + len(tok)
		n = a.runes + utf8.RuneCountInString(tok)
	}
	a.pos, a.runes = p, n
	return Token{
		Text:          a.text[start:p],
		Start:         startRunes,
		End:           n,
		ByteStart:     start,
		ByteEnd:       p,
		SpaceBefore:   space,
		NewlineBefore: newline,
	}, true
}
