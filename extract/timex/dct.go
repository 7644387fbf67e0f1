package timex

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Sources of a document creation time found in the text by FindDCT.
const (
	DCTDateline = "dateline" // a dateline or publication line at the top of the article
	DCTCaption  = "caption"  // the date of a photo caption
)

// FindDCT looks for the document creation time in the text of an article
// when the input carries no publication date. It reads, in order:
//
//   - a dateline or publication line near the top: "KYIV, Ukraine (AP) —
//     Sept. 14, 2022", "Published: 14 September 2022", "Updated
//     2022-09-14", or a line that is only a date ("September 14, 2022");
//   - else the date of the first photo caption: "…, Wednesday, Sept. 14,
//     2022. (AP Photo/…)".
//
// It returns the date (UTC midnight), the source (DCTDateline or
// DCTCaption) and whether one was found. Only full dates with a year
// count: a relative date cannot anchor the others.
func FindDCT(text string) (time.Time, string, bool) {
	return findDCT(text, true)
}

// findDCT is FindDCT; without skipCaptions, the caption scan runs even
// when mayHaveCredit says that it cannot find anything (for tests).
func findDCT(text string, skipCaptions bool) (time.Time, string, bool) {
	// Datelines: the first lines (up to ~600 bytes), the date at the start
	// of a line or right after the dateline's dash/colon.
	head := text
	if len(head) > 600 {
		head = head[:600]
		for len(head) > 0 && !utf8.ValidString(head) {
			head = head[:len(head)-1]
		}
	}
	s := scanner{text: head, toks: tokenize(head, make([]tok, 0, len(head)/4+16))}
	for i := range s.toks {
		if !s.datelineSlot(i) {
			continue
		}
		if t, ok := s.fullDateAt(i); ok {
			return t, DCTDateline, true
		}
	}
	// Captions: a full date followed by "(AP Photo" / "(Photo" / "(Reuters".
	// Most articles have no photo credit at all: then the whole text need
	// not be tokenized and tried for a date at every token.
	if skipCaptions && !mayHaveCredit(text) {
		return time.Time{}, "", false
	}
	s = scanner{text: text, toks: tokenize(text, make([]tok, 0, len(text)/4+16))}
	for i := range s.toks {
		t, ok := s.fullDateAt(i)
		if !ok {
			continue
		}
		if s.captionAfter(s.fullDateEnd(i)) {
			return t, DCTCaption, true
		}
	}
	return time.Time{}, "", false
}

// datelineSlot reports whether a date starting at token i is in a
// dateline position: the start of a line; after the dateline's dash or a
// colon ("KYIV, Ukraine (AP) — Sept. 14, 2022", "Published: …"); or after
// "Published", "Updated", "Posted" or "Dated".
func (s *scanner) datelineSlot(i int) bool {
	if s.toks[i].flags&fNL != 0 {
		return true
	}
	p := i - 1
	if p < 0 {
		return false
	}
	if t := &s.toks[p]; t.kind == tPunct {
		return t.c == '-' || t.c == ':' || t.c == '|'
	}
	if t := &s.toks[p]; t.kind == tWord {
		return isWordOf(s.text[t.s:t.e], datelineWords[:])
	}
	return false
}

// datelineWords may stand before a dateline's date ("Published Sept. 14").
var datelineWords = [...]string{"published", "updated", "posted", "dated"}

// fullDateAt reads a full calendar date with a year at token i: "[Weekday,]
// Sept. 14, 2022", "14 September 2022", "2022-09-14", "9/14/2022".
func (s *scanner) fullDateAt(i int) (time.Time, bool) {
	m := s.fullDate(i)
	if !m.ok || !m.day || len(m.val) != 10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", m.val)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

func (s *scanner) fullDate(i int) match {
	if w := s.word(i); w != nil && w.wday != 0 && !w.wplural {
		n := i + 1
		if s.punct(n, ',') {
			n++
		}
		i = n
	}
	for _, m := range [...]match{s.cMonth(i, i, false), s.cDayMonth(i, i), s.mNumeric(i)} {
		if m.ok && m.day && len(m.val) == 10 && m.val[0] != 'X' && hasYearToken(s, m) {
			return m
		}
	}
	return match{}
}

// hasYearToken reports whether the match spelled its year (not guessed
// from a DCT, of which FindDCT has none).
func hasYearToken(s *scanner, m match) bool {
	for k := m.start; k < m.end; k++ {
		if _, nd, ok := s.num(k); ok && (nd == 4 || (nd == 2 && k == m.end-1 && s.punct(k-1, '/'))) {
			return true
		}
	}
	return false
}

func (s *scanner) fullDateEnd(i int) int {
	return s.fullDate(i).end
}

// captionAfter reports whether a photo credit follows token e: ". (AP
// Photo/…)", "(Photo by …)", "(Reuters/…)".
func (s *scanner) captionAfter(e int) bool {
	k := e
	if s.punct(k, '.') {
		k++
	}
	if !s.punct(k, '(') {
		return false
	}
	for j := k + 1; j < len(s.toks) && j <= k+3; j++ {
		if s.toks[j].kind != tWord {
			continue
		}
		if isCreditWord(s.text[s.toks[j].s:s.toks[j].e]) {
			return true
		}
	}
	return false
}

// creditWords are the words of a photo credit, one of which captionAfter
// wants among the first words inside the parenthesis.
var creditWords = [...]string{"photo", "photos", "reuters", "afp", "getty", "epa", "pool", "credit", "image"}

// isCreditWord reports whether w is one of creditWords, in any case.
func isCreditWord(w string) bool { return isWordOf(w, creditWords[:]) }

// isWordOf reports whether w is one of the lower-case ASCII words, in any
// case.
func isWordOf(w string, words []string) bool {
	for _, c := range words {
		if len(w) == len(c) && asciiEqualFold(w, c) {
			return true
		}
	}
	return false
}

// asciiEqualFold reports whether w, of the length of the lower-case ASCII
// word c, spells it in any case.
func asciiEqualFold(w, c string) bool {
	for i := 0; i < len(c); i++ {
		if w[i]|0x20 != c[i] {
			return false
		}
	}
	return true
}

// mayHaveCredit reports whether text has a word that isCreditWord: every
// maximal run of ASCII letters is tried, which finds each word token
// captionAfter could accept (a token is a maximal run of letters, and a
// credit word is ASCII), and perhaps more.
func mayHaveCredit(text string) bool {
	if strings.IndexByte(text, '(') < 0 {
		return false
	}
	for i := 0; i < len(text); {
		if !isAlpha(text[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(text) && isAlpha(text[j]) {
			j++
		}
		if n := j - i; n >= 3 && n <= 7 && isCreditWord(text[i:j]) {
			return true
		}
		i = j
	}
	return false
}
