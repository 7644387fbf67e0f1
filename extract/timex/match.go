package timex

import (
	"time"
)

const (
	typDate = "DATE"
	typTime = "TIME"
	typDur  = "DURATION"
	typSet  = "SET"
)

func (s *scanner) match(i int) match {
	var best match
	try := func(m match) {
		if m.ok && m.end > m.start && (!best.ok || m.end > best.end || (m.end == best.end && m.start < best.start)) {
			best = m
		}
	}
	try(s.mAnaphor(i))
	try(s.mExtra(i))
	try(s.mDateish(i))
	try(s.mTime(i))
	try(s.mDuration(i))
	try(s.mRef(i))
	try(s.mSet(i))
	try(s.mNumeric(i))
	return best
}

// ---------- prefixes ----------

// modPrefix consumes "[the] (early|late|mid[-]|earlier|later)" or
// "the (end|beginning|start|middle) of [the]" at i.
func (s *scanner) modPrefix(i int) (j int, the bool, mod string, ofThe bool) {
	j = i
	if s.is(j, wThe) {
		the = true
		j++
	}
	if w := s.word(j); w != nil {
		switch w.id {
		case wEarly:
			return j + 1, the, "START", false
		case wLate:
			return j + 1, the, "END", false
		case wMid:
			if s.punct(j+1, '-') && s.tight(j+1) {
				return j + 2, the, "MID", false
			}
			return j + 1, the, "MID", false
		case wEarlier, wLater:
			if !the {
				return j + 1, false, "", false
			}
		case wEnd, wBeginning, wStart, wMiddle:
			if the && s.is(j+1, wOf) {
				mod = "END"
				switch w.id {
				case wBeginning, wStart:
					mod = "START"
				case wMiddle:
					mod = "MID"
				}
				j += 2
				if s.is(j, wThe) {
					return j + 1, true, mod, true
				}
				return j, false, mod, false
			}
		}
	}
	return j, the, "", false
}

func (s *scanner) mDateish(i int) match {
	j, the, mod, ofThe := s.modPrefix(i)
	var best match
	consider := func(m match, allowThe bool) {
		if !m.ok || (the && !allowThe) {
			return
		}
		m.start = i
		if mod != "" && m.mod == "" {
			m.mod = mod
		}
		if !best.ok || m.end > best.end {
			best = m
		}
	}
	if ofThe {
		// "the end of the month/year/week"
		if w := s.word(j); w != nil && !w.plural && (w.unit == uMonth || w.unit == uYear || w.unit == uWeek) {
			consider(s.relUnit(j, j+1, 0, w.unit, typDate), true)
		}
	}
	consider(s.cWeekday(j, i), false)
	consider(s.cMonth(j, i, mod != ""), false)
	consider(s.cYear(j, mod != ""), mod != "")
	consider(s.cDecade(j), true)
	consider(s.cRelative(j, i), false)
	if the && mod == "" {
		consider(s.cYear(i, false), true)
		consider(s.cRelative(i, i), true)
		consider(s.cQuarter(i), true)
	}
	consider(s.cQuarter(j), true)
	consider(s.cSeason(j, i, the || mod != ""), true)
	if mod == "" && !the {
		consider(s.cDayMonth(j, i), false)
	}
	return best
}

// ---------- resolution helpers ----------

// weekdayRel resolves a 1..7 weekday; dir -1 previous, +1 next, 0 by tense.
func (s *scanner) weekdayVal(wd int, dir int, a, b int) string {
	if !s.hasDCT {
		return "XXXX-WXX-" + string(rune('0'+isoWday(wd)))
	}
	if day, ok := s.narrativeDay(a); ok {
		// "On March 3, 2021, police arrested him; on Friday he was charged"
		return fmtDay(toWeekday(day, wd, dir, false))
	}
	cur := int(s.dct.Weekday()) + 1
	if dir == 0 {
		if cur == wd {
			return fmtDay(s.dct)
		}
		dir = -1
		// "Postponed until Friday": the day a wait is aimed at lies
		// ahead, whatever the tense of the verb.
		if s.tense(a, b) > 0 || s.forwardWeekday(a) {
			dir = 1
		}
	}
	return fmtDay(toWeekday(s.dct, wd, dir, true))
}

// forwardWeekday reports whether the weekday at token a is the object of
// "for", "until" or "till".
func (s *scanner) forwardWeekday(a int) bool {
	w := s.word(a - 1)
	return w != nil && (w.id == wUntil || w.id == wTill)
}

// toWeekday moves from day to weekday wd (1 = Sunday … 7 = Saturday, as
// time.Weekday()+1): back for dir < 0, where the same weekday means a week
// earlier; forward otherwise, where the same weekday is the day itself
// unless skipToday (the DCT's own weekday has already been taken as
// the DCT before a forward search).
func toWeekday(day time.Time, wd, dir int, skipToday bool) time.Time {
	cur := int(day.Weekday()) + 1
	var d int
	if dir < 0 {
		d = -((cur - wd + 7) % 7)
		if d == 0 {
			d = -7
		}
	} else {
		d = (wd - cur + 7) % 7
		if d == 0 && skipToday {
			d = 7
		}
	}
	return day.AddDate(0, 0, d)
}

func (s *scanner) monthYear(m int, dir int, a, b int) string {
	if !s.hasDCT {
		return xMonth(m)
	}
	y, cm := s.dct.Year(), int(s.dct.Month())
	switch dir {
	case -1: // last March
		if m >= cm {
			y--
		}
	case 1: // next March
		if m <= cm {
			y++
		}
	case 2: // this March
	default:
		switch s.tense(a, b) {
		case 1:
			if m < cm {
				y++
			}
		case -1:
			if m > cm {
				y--
			}
		default: // nearest
			if m-cm > 6 {
				y--
			} else if cm-m > 6 {
				y++
			}
		}
	}
	return fmtYM(y, m)
}

// dayYear picks the year of a month and day written without one: the
// tense of the governing verb decides when the nearest lies more than
// four months away, else the nearest.
func (s *scanner) dayYear(m, d int, a, b int) int {
	y := s.nearestYear(m, d)
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	diff := t.Sub(s.dct)
	const month = 120 * 24 * time.Hour // about four months
	if diff > month || diff < -month {
		switch s.tense(a, b) {
		case -1:
			if diff > 0 {
				y--
			}
		case 1:
			if diff < 0 {
				y++
			}
		}
	}
	return y
}

func (s *scanner) nearestYear(m, d int) int {
	y := s.dct.Year()
	best, bestD := y, time.Duration(1<<62)
	for _, yy := range [3]int{y - 1, y, y + 1} {
		t := time.Date(yy, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		diff := t.Sub(s.dct)
		if diff < 0 {
			diff = -diff
		}
		if diff < bestD {
			best, bestD = yy, diff
		}
	}
	return best
}

// ---------- weekday ----------

func (s *scanner) relWord(j int) (int, int) {
	w := s.word(j)
	if w == nil {
		return 0, j
	}
	switch w.id {
	case wLast, wPrevious:
		return -1, j + 1
	case wNext, wComing, wFollowing:
		return 1, j + 1
	case wThis:
		if s.is(j+1, wComing) {
			return 1, j + 2
		}
		if s.is(j+1, wPast) {
			return -1, j + 2
		}
		return 2, j + 1
	}
	return 0, j
}

func (s *scanner) cWeekday(j, start int) match {
	dir, k := s.relWord(j)
	w := s.word(k)
	if w == nil || w.wday == 0 {
		return match{}
	}
	wd := int(w.wday)
	end := k + 1
	if w.wplural {
		if dir != 0 || !s.capital(k) {
			return match{}
		}
		v := "XXXX-WXX-" + string(rune('0'+isoWday(wd)))
		if p := s.word(end); p != nil && p.pod != 0 {
			v += "T" + podCodes[p.pod]
			end++
		}
		return match{start: j, end: end, typ: typSet, val: v, ok: true}
	}
	// Weekday followed by a date: one expression with the date's value.
	n := end
	if s.punct(n, ',') {
		n++
	}
	if m := s.cMonth(n, n, false); m.ok && m.day {
		m.start = j
		return m
	}
	if m := s.cDayMonth(n, n); m.ok {
		m.start = j
		return m
	}
	if dir == 2 {
		dir = 0
	}
	v := s.weekdayVal(wd, dir, start, end)
	typ := typDate
	if p := s.word(end); p != nil && p.pod != 0 && !p.plural {
		if v != "" {
			v += "T" + podCodes[p.pod]
		}
		typ = typTime
		end++
	}
	return match{start: j, end: end, typ: typ, val: v, ok: true}
}

// ---------- month ----------

func (s *scanner) dayAt(i int) (int, int, bool) {
	d, nd, ok := s.num(i)
	if !ok || nd > 2 || d < 1 || d > 31 {
		return 0, i, false
	}
	j := i + 1
	if s.tight(j) {
		if w := s.word(j); w != nil && (w.id == wSt || w.id == wNd || w.id == wRd || w.id == wTh) {
			j++
		} else if s.punct(j, ':') && s.isNumTok(j+1) && s.tight(j+1) || s.punct(j, '%') || s.punct(j, '-') && s.isNumTok(j+1) {
			return 0, i, false
		} else if s.toks[j].kind == tWord {
			return 0, i, false
		}
	}
	if s.punct(j, ',') && s.tight(j) && s.isNumTok(j+1) && s.tight(j+1) {
		return 0, i, false
	}
	return d, j, true
}

func (s *scanner) isNumTok(i int) bool { return i >= 0 && i < len(s.toks) && s.toks[i].kind == tNum }

// wordYear reads a year in words at i: "nineteen ninety-six",
// "nineteen hundred", "two thousand [and] one".
func (s *scanner) wordYear(i int) (int, int, bool) {
	w := s.word(i)
	if w == nil || w.num == 0 || w.numMul {
		return 0, i, false
	}
	if w.num >= 11 && w.num <= 20 {
		if s.is(i+1, wHundred) {
			return int(w.num) * 100, i + 2, true
		}
		n := s.word(i + 1)
		if n == nil || n.num < 10 || n.numMul {
			return 0, i, false
		}
		v, e, ok := s.wordNumber(i + 1)
		if !ok || v < 10 || v > 99 || s.is(e, wHundred) || s.is(e, wThousand) {
			return 0, i, false
		}
		return int(w.num)*100 + v, e, true
	}
	if w.num == 2 && s.is(i+1, wThousand) {
		e := i + 2
		if s.is(e, wAnd) {
			e++
		}
		if n := s.word(e); n != nil && n.num > 0 && n.num < 100 && !n.numMul {
			if v, e2, ok := s.wordNumber(e); ok && v < 100 {
				return 2000 + v, e2, true
			}
		}
		return 2000, i + 2, true
	}
	return 0, i, false
}

// yearAt reads a plausible 4-digit year at i, or a year in words.
func (s *scanner) yearAt(i int) (int, int, bool) {
	y, nd, ok := s.num(i)
	if !ok {
		if y, e, ok := s.wordYear(i); ok && y >= 1100 {
			if w := s.word(e); w != nil && (w.noun || w.unit != 0) {
				return 0, i, false
			}
			return y, e, true
		}
		return 0, i, false
	}
	if nd != 4 || !plausibleYear(y) {
		return 0, i, false
	}
	j := i + 1
	if s.tight(j) && (s.toks[j].kind == tWord || s.toks[j].kind == tNum || s.punct(j, '%') || ((s.punct(j, ',') || s.punct(j, '.') || s.punct(j, ':')) && s.isNumTok(j+1) && s.tight(j+1))) {
		return 0, i, false
	}
	if s.tight(i) && (s.punct(i-1, '$') || s.punct(i-1, '#') || s.punct(i-1, 0) || s.punct(i-1, '.') || s.punct(i-1, ',') || s.punct(i-1, ':')) {
		return 0, i, false
	}
	if w := s.word(j); w != nil && w.noun {
		return 0, i, false
	}
	return y, j, true
}

var monthStrictPrev = [...]wid{wIn, wSince, wUntil, wBy, wDuring, wFrom, wThrough, wBefore, wAfter, wTill, wOf, wEarly, wLate, wMid, wLast, wNext, wThis, wTo, wAnd, wOr, wEach, wEvery}

func (s *scanner) cMonth(j, start int, modded bool) match {
	dir, k := s.relWord(j)
	w := s.word(k)
	if w == nil || w.month == 0 {
		return match{}
	}
	m := int(w.month)
	n := k + 1
	abbrDot := false
	if w.mabbr {
		if s.punct(n, '.') && s.tight(n) {
			n++
			abbrDot = true
		}
	} else if s.punct(n, '.') && s.tight(n) && s.isNumTok(n+1) {
		// "Sept.14" style typo; ignore
	}
	lower := !s.capital(k)
	if lower && (m == 3 || m == 5) {
		return match{}
	}
	// Month Day [, Year]
	if dir == 0 {
		if d, n2, ok := s.dayAt(n); ok {
			e := n2
			y := 0
			cpos := e
			if s.punct(cpos, ',') {
				cpos++
			}
			if yy, e2, ok := s.yearAt(cpos); ok {
				y, e = yy, e2
			}
			var v string
			switch {
			case y != 0:
				v = fmtYMD(y, m, d)
			case s.hasDCT:
				v = fmtYMD(s.dayYear(m, d, j, e), m, d)
			default:
				v = xMonthDay(m, d)
			}
			return match{start: j, end: e, typ: typDate, val: v, ok: true, day: true}
		}
	}
	// Month Year / Month of Year / Month, Year
	yp := n
	if s.is(yp, wOf) || s.punct(yp, ',') {
		yp++
	}
	if y, e, ok := s.yearAt(yp); ok && dir == 0 {
		return match{start: j, end: e, typ: typDate, val: fmtYM(y, m), ok: true}
	}
	// Month this/last/next year
	if dir == 0 {
		if r, k2 := s.relWord(n); r != 0 {
			if u := s.word(k2); u != nil && u.unit == uYear && !u.plural && s.hasDCT {
				y := s.dct.Year()
				if r == -1 {
					y--
				} else if r == 1 {
					y++
				}
				return match{start: j, end: k2 + 1, typ: typDate, val: fmtYM(y, m), ok: true}
			}
		}
	}
	// bare month
	if w.mabbr && !abbrDot {
		return match{}
	}
	if lower {
		return match{}
	}
	if dir == 0 && !modded {
		pw := s.word(j - 1)
		okPrev := false
		if pw != nil {
			for _, id := range monthStrictPrev {
				if pw.id == id {
					okPrev = true
					break
				}
			}
		}
		if m == 3 || m == 5 || w.mabbr {
			if !okPrev {
				return match{}
			}
			if nw := s.word(n); nw != nil && (nw.id == wBe || nw.id == wNot) {
				return match{}
			}
		} else {
			// A capitalized word before or after suggests a name ("April Smith").
			if !okPrev && s.toks[j].flags&fNL == 0 && !s.sentStart(j) && j > 0 && s.toks[j-1].kind == tWord && s.capital(j-1) {
				return match{}
			}
			if n < len(s.toks) && s.toks[n].kind == tWord && s.capital(n) && s.toks[n].flags&fNL == 0 && (s.word(n) == nil || (s.word(n).wday == 0 && s.word(n).month == 0)) {
				return match{}
			}
		}
	}
	end := k + 1
	if abbrDot {
		end = n
	}
	return match{start: j, end: end, typ: typDate, val: s.monthYear(m, dir, start, end), ok: true}
}

// cDayMonth matches "14 September [2022]" and "the 14th of September".
func (s *scanner) cDayMonth(j, start int) match {
	k := j
	the := false
	if s.is(k, wThe) {
		the = true
		k++
	}
	d, n, ok := s.dayAt(k)
	if !ok {
		if w := s.word(k); the && w != nil && w.ord > 0 && w.ord <= 31 {
			d, n, ok = int(w.ord), k+1, true
		}
		if !ok {
			return match{}
		}
	}
	if s.is(n, wOf) {
		n++
	} else if the {
		return match{}
	}
	w := s.word(n)
	if w == nil || w.month == 0 || !s.capital(n) {
		return match{}
	}
	m := int(w.month)
	e := n + 1
	if w.mabbr && s.punct(e, '.') && s.tight(e) {
		e++
	}
	cp := e
	if s.punct(cp, ',') {
		cp++
	}
	if y, e2, ok := s.yearAt(cp); ok {
		return match{start: j, end: e2, typ: typDate, val: fmtYMD(y, m, d), ok: true, day: true}
	}
	v := xMonthDay(m, d)
	if s.hasDCT {
		v = fmtYMD(s.dayYear(m, d, j, e), m, d)
	}
	return match{start: j, end: e, typ: typDate, val: v, ok: true, day: true}
}

// ---------- years, decades, centuries ----------

var yearCuePrev = [...]wid{wIn, wSince, wUntil, wBy, wDuring, wFrom, wThrough, wBefore, wAfter, wTill, wOf, wEarly, wLate, wMid, wFiscal, wTo, wAnd, wOr, wThe}

func (s *scanner) cYear(j int, modded bool) match {
	k := j
	if s.is(k, wThe) {
		// "the year 2000", "the year two thousand"
		if u := s.word(k + 1); u != nil && u.unit == uYear && !u.plural {
			if y, e, ok := s.yearAt(k + 2); ok {
				return match{start: j, end: e, typ: typDate, val: fmtY(y), ok: true}
			}
		}
		return match{}
	}
	if !s.isNumTok(k) && !s.is(k, wFiscal) {
		// a year in words stands alone only with two number words: "nineteen ninety-six"
		if y, e, ok := s.wordYear(k); ok && y >= 1100 && !(y%1000 == 0 || y%100 == 0) {
			if w := s.word(e); w == nil || (!w.noun && w.unit == 0) {
				return match{start: j, end: e, typ: typDate, val: fmtY(y), ok: true}
			}
		}
		return match{}
	}
	fiscal := false
	if s.is(k, wFiscal) {
		fiscal = true
		k++
	}
	y, e, ok := s.yearAt(k)
	if !ok {
		return match{}
	}
	if !fiscal && !modded && k > 0 && s.toks[k-1].kind == tWord && s.toks[k-1].w == nil && s.capital(k-1) && !s.sentStart(k-1) {
		return match{} // part of a name: "Orion 1980"
	}
	if !fiscal && !modded && (y < 1900 || y > 2099) {
		pw := s.word(k - 1)
		good := false
		if pw != nil {
			for _, id := range yearCuePrev {
				if pw.id == id {
					good = true
				}
			}
		}
		if !good {
			return match{}
		}
	}
	// "2022-23" style ranges are left as the first year.
	return match{start: j, end: e, typ: typDate, val: fmtY(y), ok: true}
}

func (s *scanner) cDecade(j int) match {
	k := j
	if s.is(k, wThe) {
		k++
	}
	var kk int
	// the nineties
	if w := s.word(k); w != nil && w.decw != 0 && s.is(k-1, wThe) {
		return match{start: j, end: k + 1, typ: typDate, val: decadeVal(1900 + 10*int(w.decw)), ok: true}
	}
	// 1990s, 1990's
	if y, nd, ok := s.num(k); ok && nd == 4 && y%10 == 0 && y >= 1000 && y < 3000 {
		kk = k + 1
		if s.punct(kk, '\'') && s.tight(kk) {
			kk++
		}
		if s.is(kk, wS) && s.tight(kk) {
			return match{start: j, end: kk + 1, typ: typDate, val: decadeVal(y), ok: true}
		}
		return match{}
	}
	// '90s
	if s.punct(k, '\'') {
		if y, nd, ok := s.num(k + 1); ok && nd == 2 && y%10 == 0 && s.tight(k+1) && s.is(k+2, wS) && s.tight(k+2) {
			full := 1900 + y
			if s.hasDCT && 2000+y <= s.dct.Year() {
				full = 2000 + y
			} else if !s.hasDCT && y < 30 {
				full = 2000 + y
			}
			return match{start: j, end: k + 3, typ: typDate, val: decadeVal(full), ok: true}
		}
		return match{}
	}
	// the twentieth century / the 20th century
	ord := 0
	e := k
	if w := s.word(k); w != nil && w.ord > 0 {
		ord, e = int(w.ord), k+1
	} else if n, nd, ok := s.num(k); ok && nd <= 2 && s.tight(k+1) {
		if w := s.word(k + 1); w != nil && (w.id == wSt || w.id == wNd || w.id == wRd || w.id == wTh) {
			ord, e = n, k+2
		}
	}
	if ord > 0 && ord < 30 {
		if w := s.word(e); w != nil && w.unit == uCentury && !w.plural {
			return match{start: j, end: e + 1, typ: typDate, val: string(pad(nil, ord-1, 2)), ok: true}
		}
	}
	return match{}
}

func decadeVal(y int) string {
	b := pad(make([]byte, 0, 4), y/10, 3)
	return string(append(b, 'X'))
}

// ---------- relative ----------

func (s *scanner) cRelative(j, start int) match {
	w := s.word(j)
	if w == nil {
		return match{}
	}
	switch w.id {
	case wToday, wYesterday, wTomorrow:
		off := 0
		if w.id == wYesterday {
			off = -1
		} else if w.id == wTomorrow {
			off = 1
		}
		v := "XXXX-XX-XX"
		if s.hasDCT {
			v = fmtDay(s.dct.AddDate(0, 0, off))
		}
		if p := s.word(j + 1); p != nil && p.pod != 0 && !p.plural {
			return match{start: j, end: j + 2, typ: typTime, val: v + "T" + podCodes[p.pod], ok: true}
		}
		if w.id == wToday && !s.hasDCT {
			v = "PRESENT_REF"
		}
		return match{start: j, end: j + 1, typ: typDate, val: v, ok: true}
	case wTonight:
		v := "XXXX-XX-XX"
		if s.hasDCT {
			v = fmtDay(s.dct)
		}
		return match{start: j, end: j + 1, typ: typTime, val: v + "TNI", ok: true}
	}
	if w.id == wThe {
		if u := s.word(j + 1); u != nil && u.unit == uWeekend && !u.plural {
			if !s.hasDCT {
				return match{start: j, end: j + 2, typ: typDate, val: "XXXX-WXX-WE", ok: true}
			}
			wd := int(s.dct.Weekday())
			var sat time.Time
			if wd == 6 || wd == 0 {
				sat = s.dct.AddDate(0, 0, -((wd + 1) % 7))
			} else if s.tense(start, j+2) > 0 {
				sat = s.dct.AddDate(0, 0, 6-wd)
			} else {
				sat = s.dct.AddDate(0, 0, -(wd + 1))
			}
			return match{start: j, end: j + 2, typ: typDate, val: fmtWeek(sat) + "-WE", ok: true}
		}
		return match{}
	}
	dir, k := s.relWord(j)
	if dir == 0 {
		return match{}
	}
	u := s.word(k)
	if u == nil {
		return match{}
	}
	if u.pod != 0 && !u.plural {
		// this morning, last night
		if dir == 1 && u.pod != 4 {
			return match{}
		}
		off := 0
		if dir == -1 {
			if u.pod != 4 {
				return match{}
			}
			off = -1
		}
		v := "XXXX-XX-XX"
		if s.hasDCT {
			v = fmtDay(s.dct.AddDate(0, 0, off))
		}
		return match{start: j, end: k + 1, typ: typTime, val: v + "T" + podCodes[u.pod], ok: true}
	}
	if u.unit != 0 && !u.plural {
		if s.capital(j) && s.capital(k) && !s.sentStart(j) {
			return match{} // a title: "ABC's \"This Week\""
		}
		if dir == 2 {
			dir = 0
		}
		return s.relUnit(j, k+1, dir, u.unit, typDate)
	}
	return match{}
}

// relUnit resolves "last/this/next <unit>" over tokens [j,e).
func (s *scanner) relUnit(j, e, dir int, u unit, typ string) match {
	m := match{start: j, end: e, typ: typ, ok: true}
	if !s.hasDCT {
		switch u {
		case uWeek:
			m.val = "XXXX-WXX"
		case uWeekend:
			m.val = "XXXX-WXX-WE"
		case uMonth:
			m.val = "XXXX-XX"
		case uYear:
			m.val = "XXXX"
		case uQuarter:
			m.val = "XXXX-QX"
		case uDay:
			m.val = "XXXX-XX-XX"
		case uDecade:
			m.val = "XXXX"
		default:
			return match{}
		}
		return m
	}
	y, mo := s.dct.Year(), int(s.dct.Month())
	switch u {
	case uDay:
		m.val = fmtDay(s.dct.AddDate(0, 0, dir))
	case uWeek:
		m.val = fmtWeek(s.dct.AddDate(0, 0, 7*dir))
	case uWeekend:
		m.val = fmtWeek(s.dct.AddDate(0, 0, 7*dir)) + "-WE"
	case uMonth:
		yy, mm := addMonths(y, mo, dir)
		m.val = fmtYM(yy, mm)
	case uYear:
		m.val = fmtY(y + dir)
	case uQuarter:
		q := quarterOf(mo) + dir
		yy := y
		if q < 1 {
			q, yy = 4, y-1
		} else if q > 4 {
			q, yy = 1, y+1
		}
		m.val = fmtQ(yy, q)
	case uDecade:
		m.val = decadeVal(y + 10*dir)
	default:
		return match{}
	}
	return m
}

// ---------- quarters ----------

func (s *scanner) cQuarter(j int) match {
	k := j
	if s.is(k, wThe) {
		k++
	}
	if s.is(k, wFiscal) {
		k++
	}
	year := 0
	if y, e, ok := s.num(k); ok && e == 4 && y >= 1900 && y < 2100 {
		year = y
		k++
	}
	if s.is(k, wFiscal) {
		k++
	}
	w := s.word(k)
	if w == nil {
		return match{}
	}
	// "the quarter", "the year-ago quarter": the last reported quarter
	if year == 0 && s.is(j, wThe) && k == j+1 {
		back := 0
		kk := k
		if w.unit == uYear && !w.plural && s.punct(k+1, '-') && s.tight(k+1) && (s.is(k+2, wAgo) || s.is(k+2, wEarlier)) {
			back, kk = 1, k+3
		}
		if u := s.word(kk); u != nil && u.unit == uQuarter && !u.plural && !s.punct(kk+1, '-') {
			m := s.relUnit(j, kk+1, -1, uQuarter, typDate)
			if m.ok && back == 1 && s.hasDCT {
				m.val = fmtY(int(m.val[0]-'0')*1000+int(m.val[1]-'0')*100+int(m.val[2]-'0')*10+int(m.val[3]-'0')-1) + m.val[4:]
			}
			return m
		}
	}
	// this/last/next/the current/the latest quarter
	if year == 0 && (w.id == wCurrent || w.id == wLatest || w.id == wPrevious) && s.is(j, wThe) {
		if u := s.word(k + 1); u != nil && u.unit == uQuarter && !u.plural {
			dir := 0
			if w.id != wCurrent {
				dir = -1
			}
			return s.relUnit(j, k+2, dir, uQuarter, typDate)
		}
		return match{}
	}
	if w.ord < 1 || w.ord > 4 {
		return match{}
	}
	ord := int(w.ord)
	n := k + 1
	if s.punct(n, '-') && s.tight(n) {
		n++
		if j == k-1 && s.is(j, wThe) {
			j = k // "the third-quarter profit": TimeBank spans "third-quarter"
		}
	}
	u := s.word(n)
	half := false
	if u != nil && u.id == wHalf && ord <= 2 {
		half = true
	} else if u == nil || u.unit != uQuarter || u.plural {
		return match{}
	}
	e := n + 1
	if s.is(e, wOf) {
		if y, e2, ok := s.yearAt(e + 1); ok {
			year, e = y, e2
		}
	}
	if year == 0 && s.punct(e, ',') {
		// leave
	}
	var v string
	if year == 0 {
		if !s.hasDCT {
			year = -1
		} else {
			year = s.dct.Year()
			cq := quarterOf(int(s.dct.Month()))
			if half {
				cq = (cq + 1) / 2
			}
			if ord > cq && s.tense(j, e) <= 0 {
				year--
			}
		}
	}
	if half {
		if year < 0 {
			v = "XXXX-H" + string(rune('0'+ord))
		} else {
			v = fmtY(year) + "-H" + string(rune('0'+ord))
		}
	} else if year < 0 {
		v = "XXXX-Q" + string(rune('0'+ord))
	} else {
		v = fmtQ(year, ord)
	}
	return match{start: j, end: e, typ: typDate, val: v, ok: true}
}

// ---------- seasons ----------

func (s *scanner) cSeason(j, start int, modded bool) match {
	k := j
	if s.is(k, wThe) {
		k++
		modded = true
	}
	dir, k2 := s.relWord(k)
	w := s.word(k2)
	if w == nil || w.season == 0 {
		return match{}
	}
	e := k2 + 1
	sea := int(w.season)
	code := seasonCodes[sea]
	yp := e
	if s.is(yp, wOf) {
		yp++
	}
	if y, e2, ok := s.yearAt(yp); ok && dir == 0 {
		return match{start: j, end: e2, typ: typDate, val: fmtY(y) + "-" + code, ok: true}
	}
	if dir == 0 && !modded {
		pw := s.word(j - 1)
		if pw == nil || (pw.id != wIn && pw.id != wDuring && pw.id != wSince && pw.id != wUntil && pw.id != wBy && pw.id != wThis) {
			return match{}
		}
		if sea == 3 && pw.id != wIn && pw.id != wDuring {
			return match{}
		}
	}
	if !s.hasDCT {
		return match{start: j, end: e, typ: typDate, val: "XXXX-" + code, ok: true}
	}
	y := s.dct.Year()
	mo := int(s.dct.Month())
	// current season of the DCT and the year it is labelled with
	cur := 0
	switch {
	case mo >= 3 && mo <= 5:
		cur = 1
	case mo >= 6 && mo <= 8:
		cur = 2
	case mo >= 9 && mo <= 11:
		cur = 3
	default:
		cur = 4
	}
	cy := y
	if cur == 4 && mo <= 2 {
		cy = y - 1
	}
	idx := cy*4 + cur - 1
	back := idx - (cur-sea+4)%4 // most recent, current included
	fwd := idx + (sea-cur+4)%4  // next, current included
	var target int
	switch dir {
	case 2:
		target = cy*4 + sea - 1
	case -1:
		target = back
		if target == idx {
			target -= 4
		}
	case 1:
		target = fwd
		if target == idx {
			target += 4
		}
	default:
		target = back
		if s.tense(start, e) > 0 {
			target = fwd
		}
	}
	ty := target / 4
	return match{start: j, end: e, typ: typDate, val: fmtY(ty) + "-" + code, ok: true}
}
