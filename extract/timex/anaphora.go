package timex

import "time"

// Reference time. News narrates against the document creation time, but a
// story that has named a date moves its reference time there: "two days
// later", "the next day", "that year", "the previous Friday" are resolved
// against the last date the text resolved, and "a year earlier", "the
// year-ago quarter", "the latest period" in an earnings report against the
// last reporting quarter named. ("ago" stays anchored to the DCT.)

// refTime is the narrative reference time: the last calendar value
// resolved in the text, at its own granularity.
type refTime struct {
	ok      bool
	y, m, d int // m, d are 0 when the reference is coarser
	// explicit is set when the reference came from a calendar date
	// written out in the text ("Aug. 6", "March 3, 2021"); tok is the
	// token after it.
	explicit bool
	tok      int
	qy, q    int // the last quarter named (q 0: none)
}

func digits(s string, a, b int) (int, bool) {
	if b > len(s) {
		return 0, false
	}
	n := 0
	for i := a; i < b; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// setRef moves the reference time to the value of an accepted match.
func (s *scanner) setRef(m *match) {
	if m.anaph || (m.typ != typDate && m.typ != typTime) {
		return
	}
	v := m.val
	y, ok := digits(v, 0, 4)
	if !ok {
		return
	}
	r := &s.ref
	switch {
	case len(v) == 4:
		r.ok, r.y, r.m, r.d, r.explicit = true, y, 0, 0, false
	case len(v) >= 7 && v[4] == '-' && v[5] == 'Q':
		if q, ok := digits(v, 6, 7); ok && q >= 1 && q <= 4 {
			r.qy, r.q = y, q
		}
	case len(v) >= 7 && v[4] == '-':
		mo, ok := digits(v, 5, 7)
		if !ok || mo < 1 || mo > 12 {
			return
		}
		d := 0
		if len(v) >= 10 && v[7] == '-' {
			if dd, ok := digits(v, 8, 10); ok && dd >= 1 && dd <= 31 {
				d = dd
			}
		}
		r.ok, r.y, r.m, r.d = true, y, mo, d

		r.explicit = m.day && d > 0
		r.tok = m.end
	}
}

// refDay returns the reference day (the DCT when the narrative has none).
func (s *scanner) refDay() (time.Time, bool) {
	if s.ref.ok && s.ref.d > 0 {
		return time.Date(s.ref.y, time.Month(s.ref.m), s.ref.d, 0, 0, 0, 0, time.UTC), true
	}
	return s.dct, s.hasDCT
}

// refAt returns the reference time usable for unit u: the narrative
// reference when it is at least as fine as u, else the DCT.
func (s *scanner) refAt(u unit) (y, m, d int, ok bool) {
	r := &s.ref
	if r.ok {
		switch {
		case r.d > 0:
			return r.y, r.m, r.d, true
		case r.m > 0 && (u == uMonth || u == uYear || u == uQuarter || u == uDecade || u == uCentury):
			return r.y, r.m, 0, true
		case r.m == 0 && (u == uYear || u == uDecade || u == uCentury):
			return r.y, 0, 0, true
		}
	}
	if !s.hasDCT {
		return 0, 0, 0, false
	}
	return s.dct.Year(), int(s.dct.Month()), s.dct.Day(), true
}

// shiftVal moves the reference by n units and formats it at the unit's
// granularity ("2022-09-16", "2022-W37", "2022-10", "2023").
func (s *scanner) shiftVal(n int, u unit) string {
	y, m, d, ok := s.refAt(u)
	if !ok {
		switch u {
		case uDay:
			return "XXXX-XX-XX"
		case uWeek, uWeekend:
			return "XXXX-WXX"
		case uMonth:
			return "XXXX-XX"
		case uQuarter:
			return "XXXX-QX"
		}
		return "XXXX"
	}
	if m == 0 {
		m = 1
	}
	if d == 0 {
		d = 1
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	switch u {
	case uDay:
		return fmtDay(t.AddDate(0, 0, n))
	case uWeek:
		return fmtWeek(t.AddDate(0, 0, 7*n))
	case uFortnight:
		return fmtWeek(t.AddDate(0, 0, 14*n))
	case uWeekend:
		return fmtWeek(t.AddDate(0, 0, 7*n)) + "-WE"
	case uMonth:
		yy, mm := addMonths(y, m, n)
		return fmtYM(yy, mm)
	case uQuarter:
		yy, mm := addMonths(y, m, 3*n)
		return fmtQ(yy, quarterOf(mm))
	case uYear:
		return fmtY(y + n)
	case uDecade:
		return fmtY(y + 10*n)
	case uCentury:
		return fmtY(y + 100*n)
	}
	return ""
}

// quarterAgo is the quarter a year before the last quarter named, for
// "a year earlier" in an earnings report.
func (s *scanner) quarterAgo(years int) (string, bool) {
	if s.ref.q == 0 {
		return "", false
	}
	return fmtQ(s.ref.qy-years, s.ref.q), true
}

// yearAgoAdj matches "year-ago"/"year-earlier" at i and returns the token after.
func (s *scanner) yearAgoAdj(i int) (int, bool) {
	if w := s.word(i); w != nil && w.unit == uYear && !w.plural && s.punct(i+1, '-') && s.tight(i+1) && s.tight(i+2) && (s.is(i+2, wAgo) || s.is(i+2, wEarlier)) {
		return i + 3, true
	}
	return i, false
}

// mAnaphor matches expressions resolved against the narrative reference
// time rather than the DCT.
func (s *scanner) mAnaphor(i int) match {
	if m := s.mFinance(i); m.ok {
		return m
	}
	w := s.word(i)
	if w == nil {
		return match{}
	}
	j := i
	mod := ""
	if w.id == wLater || w.id == wEarlier {
		// "later that day", "earlier that year"
		if !s.is(i+1, wThat) {
			return match{}
		}
		if w.id == wLater {
			mod = "END"
		} else {
			mod = "START"
		}
		j++
		w = s.word(j)
	}
	switch w.id {
	case wThat, wThe:
		k := j + 1
		same := false
		if s.is(k, wSame) {
			same = true
			k++
		}
		u := s.word(k)
		if u == nil {
			return match{}
		}
		if w.id == wThe && !same {
			return s.theNext(i, k)
		}
		if w.id == wThat && s.punct(k+1, '-') {
			return match{}
		}
		switch {
		case u.pod != 0 && !u.plural:
			day, ok := s.refDay()
			v := "XXXX-XX-XX"
			if ok {
				v = fmtDay(day)
			}
			return match{start: i, end: k + 1, typ: typTime, val: v + "T" + podCodes[u.pod], mod: mod, ok: true}
		case u.unit == uDay || u.unit == uWeek || u.unit == uMonth || u.unit == uYear:
			if u.plural {
				return match{}
			}
			if u.unit == uYear && s.punct(k+1, '\'') {
				return match{} // "that year's"
			}
			return match{start: i, end: k + 1, typ: typDate, val: s.shiftVal(0, u.unit), mod: mod, ok: true}
		case u.unit == uQuarter && !u.plural && !same:
			if s.ref.q != 0 {
				return match{start: i, end: k + 1, typ: typDate, val: fmtQ(s.ref.qy, s.ref.q), ok: true, anaph: true}
			}
		}
	}
	return match{}
}

// theNext matches "the next/following/previous day|week|month|year|<weekday>"
// and "the day before/after" at i (k is the token after "the").
func (s *scanner) theNext(i, k int) match {
	w := s.word(k)
	if w == nil {
		return match{}
	}
	if w.unit == uDay && !w.plural && (s.is(k+1, wBefore) || s.is(k+1, wAfter)) {
		// "the day before" (not "the day before the vote", "the day before he left")
		if k+2 < len(s.toks) && s.toks[k+2].kind != tPunct {
			return match{}
		}
		dir := -1
		if s.is(k+1, wAfter) {
			dir = 1
		}
		return match{start: i, end: k + 2, typ: typDate, val: s.shiftVal(dir, uDay), ok: true}
	}
	dir := 0
	switch w.id {
	case wNext, wFollowing:
		dir = 1
	case wPrevious:
		dir = -1
	default:
		return match{}
	}
	u := s.word(k + 1)
	if u == nil || u.plural || u.wplural {
		return match{}
	}
	switch {
	case u.wday != 0:
		day, ok := s.refDay()
		if !ok {
			return match{start: i, end: k + 2, typ: typDate, val: "XXXX-WXX-" + string(rune('0'+isoWday(int(u.wday)))), ok: true}
		}
		cur := int(day.Weekday()) + 1
		var d int
		if dir < 0 {
			d = -((cur - int(u.wday) + 7) % 7)
			if d == 0 {
				d = -7
			}
		} else {
			d = (int(u.wday) - cur + 7) % 7
			if d == 0 {
				d = 7
			}
		}
		return match{start: i, end: k + 2, typ: typDate, val: fmtDay(day.AddDate(0, 0, d)), ok: true}
	case u.pod != 0:
		day, ok := s.refDay()
		v := "XXXX-XX-XX"
		if ok {
			v = fmtDay(day.AddDate(0, 0, dir))
		}
		return match{start: i, end: k + 2, typ: typTime, val: v + "T" + podCodes[u.pod], ok: true}
	case u.unit == uDay || u.unit == uWeek || u.unit == uMonth || u.unit == uYear || u.unit == uWeekend:
		if s.punct(k+2, '-') || s.punct(k+2, '\'') {
			return match{}
		}
		return match{start: i, end: k + 2, typ: typDate, val: s.shiftVal(dir, u.unit), ok: true}
	}
	return match{}
}

// mFinance matches the period anaphora of earnings reports: "the
// year-earlier quarter", "the year-ago period", "year-earlier" (as an
// adjective), "the latest period", "the 1988 period", "this year's third
// quarter", "the corresponding period last year", "the quarter a year ago".
func (s *scanner) mFinance(i int) match {
	j := i
	the := false
	if s.is(j, wThe) {
		the = true
		j++
	}
	if w := s.word(j); w != nil && (w.id == wComparable || w.id == wCorresponding || w.id == wSame) && the {
		j++
	}
	// year-ago / year-earlier [ordinal] [fiscal] quarter|period|nine months
	if k, ok := s.yearAgoAdj(j); ok {
		e := k
		ord := 0
		if w := s.word(e); w != nil && w.ord >= 1 && w.ord <= 4 {
			ord = int(w.ord)
			e++
			if s.punct(e, '-') && s.tight(e) {
				e++
			}
		}
		if s.is(e, wFiscal) {
			e++
		}
		if ord == 0 {
			// "the year-earlier nine months": a duration
			if n, e2, ok := s.number(e); ok && n > 1 {
				if u := s.word(e2); u != nil && u.plural && u.unit == uMonth {
					return match{start: i, end: e2 + 1, typ: typDur, val: durVal(n, uMonth), ok: true}
				}
			}
		}
		if u := s.word(e); u != nil && !u.plural && (u.unit == uQuarter || u.id == wPeriod) {
			v, ok := s.quarterAgo(1)
			if ord > 0 && s.ref.q != 0 {
				v, ok = fmtQ(s.ref.qy-1, ord), true
			} else if ord > 0 && s.hasDCT {
				v, ok = fmtQ(s.dct.Year()-1, ord), true
			}
			if !ok {
				v = s.shiftVal(-1, uYear)
			}
			return match{start: i, end: e + 1, typ: typDate, val: v, ok: true, anaph: true}
		}
		// the adjective alone: "year-earlier sales", "the year-earlier $4.5 million"
		v, ok := s.quarterAgo(1)
		if !ok {
			v = s.shiftVal(-1, uYear)
		}
		return match{start: j, end: k, typ: typDate, val: v, ok: true, anaph: true}
	}
	if !the {
		// "this year's third quarter", "last year's quarter", "next year's first quarter"
		return s.yearsQuarter(i)
	}
	// the 1988 period / the 1988 quarter
	if y, nd, ok := s.num(j); ok && nd == 4 && y >= 1900 && y < 2100 && !s.tight(j+1) {
		if u := s.word(j + 1); u != nil && !u.plural && (u.id == wPeriod || u.unit == uQuarter) && s.ref.q != 0 {
			return match{start: i, end: j + 2, typ: typDate, val: fmtQ(y, s.ref.q), ok: true, anaph: true}
		}
		return match{}
	}
	w := s.word(j)
	if w == nil {
		return match{}
	}
	// the latest period
	if (w.id == wLatest || w.id == wCurrent) && s.is(j+1, wPeriod) {
		if s.ref.q != 0 {
			return match{start: i, end: j + 2, typ: typDate, val: fmtQ(s.ref.qy, s.ref.q), ok: true, anaph: true}
		}
		return match{}
	}
	// the corresponding period last year / a year ago|earlier; the quarter a year ago
	if u := s.word(j); u != nil && !u.plural && (u.id == wPeriod || u.unit == uQuarter) && s.ref.q != 0 {
		e := j + 1
		if s.is(e, wLast) {
			if y := s.word(e + 1); y != nil && y.unit == uYear && !y.plural {
				return match{start: i, end: e + 2, typ: typDate, val: fmtQ(s.ref.qy-1, s.ref.q), ok: true, anaph: true}
			}
		}
		if s.is(e, wA) && s.is(e+2, wAgo) || s.is(e, wA) && s.is(e+2, wEarlier) {
			if y := s.word(e + 1); y != nil && y.unit == uYear && !y.plural {
				return match{start: i, end: e + 3, typ: typDate, val: fmtQ(s.ref.qy-1, s.ref.q), ok: true, anaph: true}
			}
		}
		if j == i+1 && u.unit == uQuarter && !s.punct(e, '-') {
			// "the quarter": the quarter the report is about
			return match{start: i, end: e, typ: typDate, val: fmtQ(s.ref.qy, s.ref.q), ok: true, anaph: true}
		}
	}
	return match{}
}

// yearsQuarter matches "this/last/next year's [ordinal] quarter".
func (s *scanner) yearsQuarter(i int) match {
	dir, k := s.relWord(i)
	if dir == 0 || k == i {
		return match{}
	}
	if dir == 2 {
		dir = 0
	}
	y := s.word(k)
	if y == nil || y.unit != uYear || y.plural || !s.punct(k+1, '\'') || !s.is(k+2, wS) {
		return match{}
	}
	e := k + 3
	ord := 0
	if w := s.word(e); w != nil && w.ord >= 1 && w.ord <= 4 {
		ord = int(w.ord)
		e++
		if s.punct(e, '-') && s.tight(e) {
			e++
		}
	}
	u := s.word(e)
	if u == nil || u.plural || (u.unit != uQuarter && u.id != wPeriod) {
		return match{}
	}
	fromRef := false
	if ord == 0 {
		if s.ref.q == 0 {
			return match{}
		}
		ord, fromRef = s.ref.q, true
	}
	if !s.hasDCT {
		return match{start: i, end: e + 1, typ: typDate, val: "XXXX-Q" + string(rune('0'+ord)), ok: true, anaph: fromRef}
	}
	return match{start: i, end: e + 1, typ: typDate, val: fmtQ(s.dct.Year()+dir, ord), ok: true, anaph: fromRef}
}

// narrativeDay returns the reference day for a weekday at token a when
// the same sentence has just named a calendar date more than a week away
// from the DCT: the weekday then belongs to that date's week, not to the
// DCT's.
func (s *scanner) narrativeDay(a int) (time.Time, bool) {
	r := &s.ref
	if !r.explicit || r.d == 0 || r.tok > a || a-r.tok > 40 {
		return time.Time{}, false
	}
	if w := s.word(a - 1); w != nil && (w.id == wTo || w.id == wThrough || w.id == wUntil || w.id == wTill) {
		return time.Time{}, false // the end of a range "from Sept. 14 to Thursday"
	}
	for t := r.tok; t < a; t++ {
		if s.boundary(t) || s.toks[t+1].flags&fNL != 0 {
			return time.Time{}, false
		}
	}
	day := time.Date(r.y, time.Month(r.m), r.d, 0, 0, 0, 0, time.UTC)
	if s.hasDCT {
		if diff := day.Sub(s.dct); diff > -8*24*time.Hour && diff < 8*24*time.Hour {
			return time.Time{}, false
		}
	}
	return day, true
}
