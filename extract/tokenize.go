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
// A run of non-space bytes that is not valid UTF-8 is one token.
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
	toks := tokenStrings(text)
	out := make([]Token, 0, len(toks))
	a := aligner{text: text}
	for _, t := range toks {
		if tok, ok := a.next(t); ok {
			out = append(out, tok)
		}
	}
	return out
}

// proseTokens is prose's tokenization of text.
func proseTokens(text string) []string {
	doc, err := prose.NewDocument(text,
		prose.WithTagging(false),
		prose.WithSegmentation(false),
		prose.WithExtraction(false))
	if err != nil {
		return nil
	}
	ptoks := doc.Tokens()
	out := make([]string, len(ptoks))
	for i, t := range ptoks {
		out[i] = t.Text
	}
	return out
}

// tokenStrings is proseTokens(text), without asking prose about plain
// words. prose splits text at white space and then splits each chunk on
// its own: a chunk that is a word (letters and digits, inner hyphens)
// followed by closing punctuation comes out as the word and then each
// mark (prose peels the marks off the end one at a time), unless the
// chunk is an abbreviation like "Mr." that prose keeps whole. Such chunks
// are most of a news article and are split here; the others go to prose,
// all in one call, and their tokens are put back in their places.
// TestTokenStringsMatchProse and FuzzTokenStrings check that the result is
// prose's exactly.
func tokenStrings(text string) []string {
	out := make([]string, 0, len(text)/5)
	var slowAt []int // places in out of the slow chunks' tokens
	var slowText strings.Builder
	for i := 0; i < len(text); {
		if sp, size := spaceAt(text, i); sp {
			i += size
			continue
		}
		j := i
		for j < len(text) {
			sp, size := spaceAt(text, j)
			if sp {
				break
			}
			j += size
		}
		chunk := text[i:j]
		i = j
		if word, marks, ok := plainChunk(chunk); ok {
			out = append(out, word)
			for k := 0; k < len(marks); k++ {
				out = append(out, marks[k:k+1])
			}
			continue
		}
		if !utf8.ValidString(chunk) {
			// prose can panic on such a chunk (it slices the chunk at
			// offsets found in its lower-cased copy, where each invalid
			// byte has become three): it stays one token. Extract
			// refuses invalid UTF-8 anyway.
			out = append(out, chunk)
			continue
		}
		if strings.Contains(chunk, chunkSeparator) {
			// It cannot share prose's call with the others.
			out = append(out, proseTokens(chunk)...)
			continue
		}
		slowAt = append(slowAt, len(out))
		if slowText.Len() > 0 {
			slowText.WriteString(" " + chunkSeparator + " ")
		}
		slowText.WriteString(chunk)
	}
	if len(slowAt) == 0 {
		return out
	}
	// prose may drop characters ("'She" gives no token at all), so the
	// chunks' tokens are told apart by a separator chunk, which prose
	// keeps as one token and no other chunk contains.
	ptoks := proseTokens(slowText.String())
	merged := make([]string, 0, len(out)+len(ptoks))
	k, prev := 0, 0
	for _, at := range slowAt {
		merged = append(merged, out[prev:at]...)
		prev = at
		for ; k < len(ptoks) && ptoks[k] != chunkSeparator; k++ {
			merged = append(merged, ptoks[k])
		}
		k++ // the separator
	}
	return append(merged, out[prev:]...)
}

// chunkSeparator separates the chunks given to prose together.
const chunkSeparator = "\x00\x01"

// plainChunk splits a chunk that prose would split into a word and then
// each of its closing marks; ok is false for any other chunk.
func plainChunk(chunk string) (word, marks string, ok bool) {
	end := len(chunk)
	for end > 0 && strings.IndexByte(`,)"]!;.?:`, chunk[end-1]) >= 0 {
		end--
	}
	word, marks = chunk[:end], chunk[end:]
	if word == "" {
		return "", "", false
	}
	prevHyphen := true // no hyphen first
	for i := 0; i < len(word); {
		// ASCII without decoding, the common case.
		r, size := rune(word[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(word[i:])
		}
		i += size
		switch {
		case r == '-':
			if prevHyphen {
				return "", "", false
			}
			prevHyphen = true
		case r < utf8.RuneSelf && (isASCIILetter(byte(r)) || '0' <= r && r <= '9'),
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			prevHyphen = false
		default:
			return "", "", false
		}
	}
	if prevHyphen {
		return "", "", false // "8-)" is an emoticon to prose
	}
	// prose keeps "Mr." and "Sen." whole, dot and all.
	if strings.IndexByte(marks, '.') >= 0 && len(word) <= 3 && word[0] >= 'A' && word[0] <= 'Z' {
		return "", "", false
	}
	return word, marks, true
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

// spaceAt reports whether text has a space (unicode.IsSpace) at byte i,
// and the size of the code point there.
func spaceAt(text string, i int) (bool, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return c == ' ' || '\t' <= c && c <= '\r', 1
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	return unicode.IsSpace(r), size
}

func (a *aligner) next(tok string) (Token, bool) {
	space, newline := a.skipSpaces()
	start, startRunes := a.pos, a.runes
	if strings.HasPrefix(a.text[start:], tok) {
		// The text holds the token as it is (the common case): matchRunes
		// would match it rune by rune.
		return a.take(start, startRunes, start+len(tok), startRunes+utf8.RuneCountInString(tok), space, newline), true
	}
	return a.matchRunes(tok, start, startRunes, space, newline)
}

// skipSpaces moves the aligner past white space and tells whether the next
// token has space before it (the first token always has) and a line break.
func (a *aligner) skipSpaces() (space, newline bool) {
	space = !a.seen
	for a.pos < len(a.text) {
		sp, size := spaceAt(a.text, a.pos)
		if !sp {
			break
		}
		space = true
		if c := a.text[a.pos]; c == '\n' || c == '\r' || size == 3 && (a.text[a.pos:a.pos+3] == "\u2028" || a.text[a.pos:a.pos+3] == "\u2029") {
			newline = true
		}
		a.pos += size
		a.runes++
	}
	a.seen = true
	return space, newline
}

// matchRunes is next's match of tok at the aligner's position (after the
// spaces), code point by code point, rewritten quotes and HTML
// apostrophes included.
func (a *aligner) matchRunes(tok string, start, startRunes int, space, newline bool) (Token, bool) {
	p, n := start, startRunes
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
	return a.take(start, startRunes, p, n, space, newline), true
}

// take moves the aligner past the token text[start:end] (code points
// startRunes to endRunes) and returns it.
func (a *aligner) take(start, startRunes, end, endRunes int, space, newline bool) Token {
	a.pos, a.runes = end, endRunes
	return Token{
		Text:          a.text[start:end],
		Start:         startRunes,
		End:           endRunes,
		ByteStart:     start,
		ByteEnd:       end,
		SpaceBefore:   space,
		NewlineBefore: newline,
	}
}
