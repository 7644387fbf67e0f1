package timex

import (
	"time"
	"unicode"
	"unicode/utf8"
)

// Expr is one temporal expression found in a text.
type Expr struct {
	Text       string
	Start, End int    // Unicode code point offsets into the input text, End exclusive
	Type       string // "DATE", "TIME", "DURATION", "SET"
	Value      string // TIMEX3 value
	// Mod is the TIMEX3 mod attribute when a modifier was recognized
	// ("START", "MID", "END", "APPROX", "MORE_THAN", "LESS_THAN"); empty otherwise.
	Mod string
}

const (
	tWord uint8 = iota + 1
	tNum
	tPunct
)

const (
	fSpace uint8 = 1 << iota // whitespace before the token (or text start)
	fNL                      // line break before the token (or text start)
	fCap                     // first letter upper case
	fEd                      // lower-case word ending in -ed (past tense cue)
)

type tok struct {
	s, e  int32 // byte offsets
	n     int32 // numeric value of a digit token (-1 if too long)
	kind  uint8
	flags uint8
	nd    uint8 // digit count
	c     byte  // punctuation byte ('\'' for curly quotes, 0 for other non-ASCII)
	w     *word
}

func isAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// tokenize splits text into words (letter runs), numbers (digit runs) and
// single punctuation characters.
func tokenize(text string, toks []tok) []tok {
	flags := fSpace | fNL
	i := 0
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
				flags |= fSpace
				i++
				continue
			case c == '\n':
				flags |= fSpace | fNL
				i++
				continue
			case isDigit(c):
				j := i
				var v int32
				for j < len(text) && isDigit(text[j]) {
					if j-i < 9 {
						v = v*10 + int32(text[j]-'0')
					}
					j++
				}
				nd := j - i
				if nd > 9 {
					v = -1
				}
				if nd > 255 {
					nd = 255
				}
				toks = append(toks, tok{s: int32(i), e: int32(j), n: v, kind: tNum, flags: flags, nd: uint8(nd)})
				flags = 0
				i = j
				continue
			case isAlpha(c):
				i = wordTok(text, i, flags, &toks)
				flags = 0
				continue
			default:
				toks = append(toks, tok{s: int32(i), e: int32(i + 1), kind: tPunct, flags: flags, c: c})
				flags = 0
				i++
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			flags |= fSpace
			if r == '\u2028' || r == '\u2029' || r == '\u0085' {
				flags |= fNL
			}
			i += size
		case unicode.IsLetter(r) || unicode.IsMark(r):
			i = wordTok(text, i, flags, &toks)
			flags = 0
		default:
			var pc byte
			switch r {
			case '\u2019', '\u2018':
				pc = '\''
			case '\u2013', '\u2014', '\u2010', '\u2011':
				pc = '-'
			}
			toks = append(toks, tok{s: int32(i), e: int32(i + size), kind: tPunct, flags: flags, c: pc})
			flags = 0
			i += size
		}
	}
	return toks
}

// wordTok scans a letter run starting at i (ASCII or Unicode letters) and
// appends it, looked up in the word table.
func wordTok(text string, i int, flags uint8, toks *[]tok) int {
	var buf [24]byte
	n := 0
	ascii := true
	j := i
	for j < len(text) {
		c := text[j]
		if c < utf8.RuneSelf {
			if !isAlpha(c) {
				break
			}
			if n < len(buf) {
				buf[n] = c | 0x20
			}
			n++
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) && !unicode.IsMark(r) {
			break
		}
		ascii = false
		j += size
	}
	if c := text[i]; c >= 'A' && c <= 'Z' {
		flags |= fCap
	}
	var w *word
	if ascii && n <= len(buf) {
		w, _ = vocabulary.Get(buf[:n])
		if w == nil && n >= 5 && buf[n-2] == 'e' && buf[n-1] == 'd' && flags&fCap == 0 {
			flags |= fEd
		}
	}
	*toks = append(*toks, tok{s: int32(i), e: int32(j), kind: tWord, flags: flags, w: w})
	return j
}

// scanner holds the per-call state of Find.
type scanner struct {
	text   string
	toks   []tok
	dct    time.Time
	hasDCT bool
	ref    refTime
}

// Find returns the temporal expressions of text in order. dct is the
// document creation time; the zero time means unknown: relative
// expressions then keep an unresolved value (e.g. "XXXX-WXX-3" for
// "Wednesday", "XXXX-03" for "in March", "PAST_REF") instead of a guess.
func Find(text string, dct time.Time) []Expr {
	s := scanner{text: text, toks: tokenize(text, make([]tok, 0, len(text)/4+16)), dct: dct, hasDCT: !dct.IsZero()}
	if s.hasDCT {
		s.dct = time.Date(dct.Year(), dct.Month(), dct.Day(), 0, 0, 0, 0, time.UTC)
	}
	var out []Expr
	bpos, rpos := 0, 0
	for i := 0; i < len(s.toks); {
		t := &s.toks[i]
		if (t.kind == tWord && (t.w == nil || !t.w.starter)) || (t.kind == tPunct && t.c != '\'') {
			i++
			continue
		}
		m := s.match(i)
		if !m.ok || m.end <= m.start {
			i++
			continue
		}
		bs, be := int(s.toks[m.start].s), int(s.toks[m.end-1].e)
		rpos += utf8.RuneCountInString(text[bpos:bs])
		rs := rpos
		rpos += utf8.RuneCountInString(text[bs:be])
		bpos = be
		out = append(out, Expr{Text: text[bs:be], Start: rs, End: rpos, Type: m.typ, Value: m.val, Mod: m.mod})
		s.setRef(&m)
		i = m.end
	}
	return out
}

// match is one candidate expression over tokens [start,end).
type match struct {
	start, end int
	typ, val   string
	mod        string
	ok         bool
	day        bool // a day-precision calendar date written out in the text
	anaph      bool // resolved against the reporting quarter: does not move the reference
}

func (s *scanner) word(i int) *word {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != tWord {
		return nil
	}
	return s.toks[i].w
}

func (s *scanner) is(i int, id wid) bool {
	w := s.word(i)
	return w != nil && w.id == id
}

func (s *scanner) punct(i int, c byte) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == tPunct && s.toks[i].c == c
}

// tight reports whether token i follows token i-1 with no space.
func (s *scanner) tight(i int) bool {
	return i > 0 && i < len(s.toks) && s.toks[i].flags&fSpace == 0
}

func (s *scanner) num(i int) (int, int, bool) {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != tNum || s.toks[i].n < 0 {
		return 0, 0, false
	}
	return int(s.toks[i].n), int(s.toks[i].nd), true
}

func (s *scanner) capital(i int) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].flags&fCap != 0
}

// boundary reports whether token i ends a sentence.
func (s *scanner) boundary(i int) bool {
	t := &s.toks[i]
	if t.kind != tPunct {
		return false
	}
	switch t.c {
	case '!', '?', ';':
		return true
	case '.':
		if w := s.word(i - 1); w != nil && w.abbr && s.tight(i) {
			return false
		}
		if s.isNumTok(i-1) && s.tight(i) && s.isNumTok(i+1) && s.tight(i+1) {
			return false // a decimal point: "$42.875"
		}
		if i > 0 && s.toks[i-1].kind == tWord && s.toks[i-1].e-s.toks[i-1].s == 1 {
			return false
		}
		return true
	}
	return false
}

// sentStart reports whether token i begins a sentence.
func (s *scanner) sentStart(i int) bool {
	if i == 0 || s.toks[i].flags&fNL != 0 {
		return true
	}
	j := i - 1
	for j >= 0 && s.toks[j].kind == tPunct && (s.toks[j].c == '"' || s.toks[j].c == '\'' || s.toks[j].c == 0 || s.toks[j].c == '(') {
		j--
	}
	return j < 0 || s.boundary(j)
}

// tense looks at the words of the sentence around tokens [a,b) and returns
// -1 when the governing verb is in the past tense, +1 when it is in the
// future, 0 when no cue was found. Cues are strong (auxiliaries "will",
// "was", "had" and irregular past forms) or weak (other -ed forms,
// present progressives). The nearest strong cue before the expression
// wins, then the nearest weak one before it; only when the sentence has
// no cue before the expression ("On Friday, he will ...") are the words
// after it used. A reporting verb ("said", "told") right before the
// expression, or the first verb after a fronted one, is the governing
// verb (past); further back it ends the search, since the expression
// then belongs to the reported clause, whose event can lie on either side
// of the report.
func (s *scanner) tense(a, b int) int {
	if w := s.word(a - 1); w != nil {
		switch w.id {
		case wSince:
			return -1 // "since March"
		case wUntil, wTill, wThrough, wBy:
			// a deadline: "extended the loans through January" can be either way
			if t := s.tense0(a, b); t > 0 {
				return t
			}
			return 0
		}
	}
	return s.tense0(a, b)
}

func (s *scanner) tense0(a, b int) int {
	const window = 40
	weak := 0
	for j, d := a-1, 1; j >= 0 && d <= window; j, d = j-1, d+1 {
		if s.boundary(j) || (s.toks[j+1].flags&fNL != 0) {
			break
		}
		if w := s.word(j); w != nil && w.report {
			if d <= 2 {
				return -1 // "said Tuesday", "said on Tuesday"
			}
			break // the expression is in the reported clause
		}
		if c, strong := s.cue(j); c != 0 {
			if strong {
				return c
			}
			if weak == 0 {
				weak = c
			}
		}
	}
	if weak != 0 {
		return weak
	}
	for j, d := b, 1; j < len(s.toks) && d <= window; j, d = j+1, d+1 {
		if s.toks[j].flags&fNL != 0 && j > b {
			break
		}
		if w := s.word(j); w != nil && w.report && weak == 0 {
			return -1 // "On Tuesday the ministry said ..."
		}
		if c, strong := s.cue(j); c != 0 {
			if strong {
				return c
			}
			if weak == 0 {
				weak = c
			}
		}
		if s.boundary(j) {
			break
		}
	}
	return weak
}

// hasSuffix reports whether token j (a word) ends with suf (lower case ASCII).
func (s *scanner) hasSuffix(j int, suf string) bool {
	t := &s.toks[j]
	n := int(t.e - t.s)
	if n <= len(suf)+1 {
		return false
	}
	w := s.text[int(t.e)-len(suf) : t.e]
	for i := 0; i < len(suf); i++ {
		if w[i]|0x20 != suf[i] {
			return false
		}
	}
	return true
}

// cue returns the tense cue of token j and whether it is a strong one.
func (s *scanner) cue(j int) (int, bool) {
	t := &s.toks[j]
	if t.kind != tWord {
		return 0, false
	}
	if t.flags&fEd != 0 {
		if p := s.word(j - 1); p != nil {
			switch p.id {
			case wBe, wIs, wAre, wBeing:
				return 0, false // passive: the auxiliary decides
			case wHas, wHave:
				return -1, true // present perfect
			}
		}
		return -1, false
	}
	w := t.w
	if w == nil {
		return 0, false
	}
	switch w.id {
	case wWon:
		if s.punct(j+1, '\'') && s.tight(j+1) {
			return 1, true
		}
	case wIs, wAre:
		if s.is(j+1, wTo) || s.is(j+1, wSet) || s.is(j+1, wDue) {
			return 1, true
		}
		if j+1 < len(s.toks) && s.toks[j+1].kind == tWord && s.toks[j+1].w == nil && s.hasSuffix(j+1, "ing") {
			return 1, false // "is meeting on Friday"
		}
		return 0, false
	case wSet, wDue:
		if s.is(j+1, wTo) {
			return 1, true // "set to resume Monday"
		}
		return 0, false
	case wLL:
		if s.punct(j-1, '\'') {
			return 1, true
		}
		return 0, false
	}
	return int(w.tense), w.tense != 0
}
