package timex

// ---------- times of day ----------

// ampm reads "a.m.", "p.m.", "am", "pm", "a.m" at i; returns 1 am, 2 pm.
func (s *scanner) ampm(i int) (int, int) {
	w := s.word(i)
	if w == nil {
		return 0, i
	}
	switch w.id {
	case wAM:
		return 1, s.optDot(i + 1)
	case wPM:
		return 2, s.optDot(i + 1)
	case wA, wP:
		if s.punct(i+1, '.') && s.tight(i+1) && s.is(i+2, wM) && s.tight(i+2) {
			r := 1
			if w.id == wP {
				r = 2
			}
			return r, s.optDot(i + 3)
		}
	}
	return 0, i
}

func (s *scanner) optDot(i int) int {
	if s.punct(i, '.') && s.tight(i) {
		return i + 1
	}
	return i
}

func (s *scanner) mTime(i int) match {
	j := i
	if w := s.word(j); w != nil && (w.id == wAround || w.id == wAbout || w.id == wApprox) {
		j++
	}
	h, mi := -1, 0
	e := j
	w := s.word(j)
	switch {
	case w != nil && (w.id == wNoon || w.id == wMidday):
		h, e = 12, j+1
	case w != nil && w.id == wMidnight:
		h, e = 24, j+1
	default:
		hh, nd, ok := s.num(j)
		if !ok || nd > 2 || hh > 24 {
			return match{}
		}
		k := j + 1
		hasMin := false
		if s.punct(k, ':') && s.tight(k) && s.tight(k+1) {
			mm, nd2, ok := s.num(k + 1)
			if !ok || nd2 != 2 || mm > 59 {
				return match{}
			}
			mi, hasMin = mm, true
			k += 2
		}
		ap, k2 := s.ampm(k)
		if ap != 0 {
			if hh < 1 || hh > 12 {
				return match{}
			}
			if ap == 1 && hh == 12 {
				hh = 0
			} else if ap == 2 && hh != 12 {
				hh += 12
			}
			k = k2
		} else if s.is(k, wO) && s.punct(k+1, '\'') && s.is(k+2, wClock) {
			k += 3
		} else if hasMin {
			zw := s.word(k)
			pw := s.word(i - 1)
			if !(zw != nil && zw.id == wZone && s.capital(k)) && !(pw != nil && (pw.id == wAt || pw.id == wBy || pw.id == wUntil || pw.id == wFrom || pw.id == wBefore || pw.id == wAfter || pw.id == wAround || pw.id == wTill)) {
				return match{}
			}
		} else {
			return match{}
		}
		h, e = hh, k
	}
	// zone
	if zw := s.word(e); zw != nil && zw.id == wZone && s.capital(e) {
		e++
	}
	// day reference
	date := ""
	n := e
	if s.punct(n, ',') {
		n++
	}
	if m := s.cWeekday(n, i); m.ok && m.typ == typDate {
		date, e = m.val, m.end
	} else if m := s.cMonth(n, n, false); m.ok && m.day {
		date, e = m.val, m.end
	} else if dw := s.word(n); dw != nil && (dw.id == wToday || dw.id == wYesterday || dw.id == wTomorrow) {
		m := s.cRelative(n, n)
		if m.ok && m.end == n+1 && m.val != "PRESENT_REF" {
			date, e = m.val, m.end
		}
	}
	if date == "" {
		date = "XXXX-XX-XX"
		if s.hasDCT {
			date = fmtDay(s.dct)
		}
	}
	b := make([]byte, 0, 16)
	b = append(b, date...)
	b = append(b, 'T')
	b = pad(b, h, 2)
	b = append(b, ':')
	b = pad(b, mi, 2)
	return match{start: i, end: e, typ: typTime, val: string(b), ok: true}
}

// ---------- numbers ----------

// number reads a cardinal at i: digits, number words ("twenty four",
// "twenty-four", "a hundred"), "a"/"an" (1), "a couple of" (2), or a vague
// quantity ("a few", "several", "many", "some") returned as -1.
func (s *scanner) number(i int) (int, int, bool) {
	if v, nd, ok := s.num(i); ok {
		j := i + 1
		// thousands separators
		for s.punct(j, ',') && s.tight(j) && s.tight(j+1) {
			g, gnd, ok := s.num(j + 1)
			if !ok || gnd != 3 {
				break
			}
			v = v*1000 + g
			j += 2
		}
		if s.punct(j, '.') && s.tight(j) && s.isNumTok(j+1) && s.tight(j+1) {
			return 0, i, false // decimals are not handled
		}
		_ = nd
		return v, j, true
	}
	w := s.word(i)
	if w == nil {
		return 0, i, false
	}
	switch w.id {
	case wA, wAn:
		if n := s.word(i + 1); n != nil {
			switch n.id {
			case wFew:
				return -1, i + 2, true
			case wCouple:
				if s.is(i+2, wOf) {
					return 2, i + 3, true
				}
				return 2, i + 2, true
			case wDozen:
				return 12, i + 2, true
			case wHundred, wThousand:
				v, j, _ := s.wordNumber(i + 1)
				return v, j, true
			}
		}
		return 1, i + 1, true
	case wFew, wSeveral, wMany, wSome:
		return -1, i + 1, true
	case wCouple:
		if s.is(i+1, wOf) {
			return 2, i + 2, true
		}
		return 0, i, false
	}
	return s.wordNumber(i)
}

func (s *scanner) wordNumber(i int) (int, int, bool) {
	total, cur := 0, 0
	j := i
	any := false
	for {
		w := s.word(j)
		if w == nil || w.num == 0 {
			break
		}
		if w.numMul {
			if cur == 0 {
				cur = 1
			}
			if w.num == 100 {
				cur *= 100
			} else {
				total += cur * int(w.num)
				cur = 0
			}
		} else {
			if cur%100 != 0 && cur%10 == 0 && w.num < 10 && cur%100 >= 20 {
				cur += int(w.num)
			} else if cur%100 == 0 {
				cur += int(w.num)
			} else {
				break
			}
		}
		any = true
		j++
		if s.punct(j, '-') && s.tight(j) && s.tight(j+1) {
			if nw := s.word(j + 1); nw != nil && nw.num > 0 && nw.num < 10 {
				j++
				continue
			}
			break
		}
		if s.is(j, wAnd) {
			if nw := s.word(j + 1); nw != nil && nw.num > 0 && !nw.numMul && cur >= 100 {
				j++
			}
		}
	}
	if !any {
		return 0, i, false
	}
	return total + cur, j, true
}

// ---------- durations ----------

func (s *scanner) mDuration(i int) match {
	j := i
	the := false
	if s.is(j, wThe) {
		the = true
		j++
	}
	rel := wNone
	if w := s.word(j); w != nil {
		switch w.id {
		case wPast, wLast, wNext, wComing, wLatest, wPrevious, wFollowing, wFinal, wRecent:
			rel = w.id
			j++
		default:
			if w.ord == 1 && the {
				rel = wFinal
				j++
			}
		}
	}
	if the && rel == wNone {
		if s.is(j, wFew) || s.is(j, wSeveral) || s.is(j, wMany) {
			return match{}
		}
	}
	mod := ""
	if w := s.word(j); w != nil {
		switch w.id {
		case wNearly, wAlmost:
			mod = "APPROX"
			j++
		case wAbout, wAround, wApprox:
			mod = "APPROX"
			j++
		case wMore, wLess:
			if s.is(j+1, wThan) {
				mod = "MORE_THAN"
				if w.id == wLess {
					mod = "LESS_THAN"
				}
				j += 2
			}
		case wOver:
			mod = "MORE_THAN"
			j++
		case wAt:
			if s.is(j+1, wLeast) {
				mod = "EQUAL_OR_MORE"
				j += 2
			}
		case wUp:
			if s.is(j+1, wTo) {
				mod = "EQUAL_OR_LESS"
				j += 2
			}
		}
	}
	half := false
	if s.is(j, wHalf) && (s.is(j+1, wA) || s.is(j+1, wAn)) {
		// "half an hour", "half a day"
		if u := s.word(j + 2); u != nil && u.unit != 0 && u.unit != uWeekend && !u.plural {
			return match{start: i, end: j + 3, typ: typDur, val: halfVal(0, u.unit), mod: mod, ok: true}
		}
	}
	n, k, ok := s.number(j)
	if ok && n > 0 && (s.is(k, wTo) || s.is(k, wOr)) {
		// a range "12 to 18 months", "two or three weeks": the first figure
		if n2, k2, ok2 := s.number(k + 1); ok2 && n2 > n {
			if u := s.word(k2); u != nil && u.unit != 0 && u.plural {
				k = k2
			}
		}
	}
	if ok && n >= 0 && s.isNumTok(k) && s.punct(k+1, '/') && s.tight(k+1) && s.tight(k+2) {
		// "2 1/2 years"
		if a, _, _ := s.num(k); a == 1 {
			if b, _, ok2 := s.num(k + 2); ok2 && b == 2 && !s.tight(k+3) {
				half, k = true, k+3
			}
		}
	}
	hyph := false
	if ok && s.punct(k, '-') && s.tight(k) && s.tight(k+1) {
		k++
		hyph = true
	}
	var u *word
	if ok {
		u = s.word(k)
		if u == nil || u.unit == 0 || u.unit == uWeekend {
			return match{}
		}
		if hyph && u.plural {
			return match{}
		}
		if n == 1 && u.plural && !hyph {
			// "one days" is odd; still accept
		}
		if n > 1 && !u.plural && !hyph {
			// "five year low" (TimeBank marks these as durations)
		}
		if n == 0 {
			return match{}
		}
		k++
		if !half && !hyph && s.is(k, wAnd) && (s.is(k+1, wA) || s.is(k+1, wAn)) && s.is(k+2, wHalf) {
			// "a minute and a half", "two years and a half"
			half, k = true, k+3
		}
	} else {
		// bare plural unit: "years", "the past few months", "recent weeks"
		u = s.word(j)
		if u == nil || u.unit == 0 || u.unit == uWeekend || !u.plural || u.unit == uSecond {
			return match{}
		}
		if rel == wNone && mod == "" {
			if the {
				return match{}
			}
			// "for years", "in months": only after a preposition-ish word
			pw := s.word(j - 1)
			if pw == nil || !(pw.id == wFor || pw.id == wIn || pw.id == wOver || pw.id == wAfter || pw.id == wWithin) {
				return match{}
			}
		}
		if rel == wRecent && u.unit == uYear {
			return match{start: i, end: j + 1, typ: typDate, val: "PAST_REF", ok: true}
		}
		if rel == wComing || rel == wNext || rel == wFollowing {
			n = -1
		}
		n = -1
		k = j + 1
	}
	if rel == wRecent && ok {
		return match{}
	}
	if s.punct(k, '-') && s.tight(k) && (s.is(k+1, wAgo) || s.is(k+1, wEarlier)) {
		return match{} // "a year-earlier loss": "year-earlier" is a date
	}
	// hyphenated adjectives: "six-month", "8-month-old", "decades-long"
	e := k
	if hyph && s.punct(e, '-') && s.tight(e) && s.is(e+1, wOld) {
		return match{} // ages
	}
	if hyph && s.punct(e, '-') && s.tight(e) && s.is(e+1, wLong) {
		e += 2
	}
	if s.is(e, wOld) && u.plural {
		return match{} // "45 years old"
	}
	if ok && n == 1 && !hyph && !half && rel == wNone && mod == "" && !the && !s.isNumTok(j) && (s.is(j, wA) || s.is(j, wAn)) {
		if s.perRate(j) && !s.is(e, wAgo) && !s.is(e, wEarlier) && !s.is(e, wLater) {
			// a rate: "four flights a week", "$1.76 a year"
			return match{start: j, end: e, typ: typSet, val: durVal(1, u.unit), ok: true}
		}
		if u.unit == uSecond && e < len(s.toks) && s.toks[e].kind == tWord && s.toks[e].w == nil {
			return match{} // "a second group"
		}
	}
	if u.unit == uQuarter && n == 1 && !u.plural && s.is(e, wOf) {
		return match{} // "more than a quarter of the market"
	}
	if ok && !u.plural && n >= 1000 && s.isNumTok(j) {
		return match{} // "the 1988 quarter"
	}
	if hyph && the && rel == wNone && mod == "" {
		i++ // "the six-month siege": TimeBank leaves the article out
	}
	// "ago" / "earlier" / "later" turn a duration into a date
	if !hyph && !the && (rel == wNone) {
		if w := s.word(e); w != nil && (w.id == wAgo || (w.id == wEarlier || (w.id == wLater || w.id == wAfterward) && u.unit >= uDay) && !s.is(e+1, wThan)) {
			if n == 1 && u.unit == uYear && !s.is(e+1, wThat) {
				// "a year ago" in an earnings report: the same quarter a year before
				if v, ok := s.quarterAgo(1); ok {
					return match{start: i, end: e + 1, typ: typDate, val: v, ok: true, anaph: true}
				}
			}
			if w.id == wAgo {
				return s.agoDate(i, e+1, n, u.unit, -1)
			}
			dir := -1
			if w.id != wEarlier {
				dir = 1
			}
			if n < 0 || u.unit == uHour || u.unit == uMinute || u.unit == uSecond {
				return s.agoDate(i, e+1, n, u.unit, dir)
			}
			// "two days later", "a year earlier": from the narrative's reference time
			return match{start: i, end: e + 1, typ: typDate, val: s.shiftVal(dir*n, u.unit), ok: true}
		}
		if s.is(e, wOr) && s.is(e+1, wSo) && s.is(e+2, wAgo) {
			return s.agoDate(i, e+3, n, u.unit, -1)
		}
	}
	if !ok && u.unit == uYear && rel == wNone && mod == "" {
		// plain "years"
	}
	// "the last week" is the previous calendar week.
	if the && n == 1 && !ok && false {
		return match{}
	}
	if half && n >= 0 {
		return match{start: i, end: e, typ: typDur, val: halfVal(n, u.unit), mod: mod, ok: true}
	}
	return match{start: i, end: e, typ: typDur, val: durVal(n, u.unit), mod: mod, ok: true}
}

// agoDate resolves "<n> <unit> ago" over tokens [i,e) at the unit's granularity.
func (s *scanner) agoDate(i, e, n int, u unit, dir int) match {
	m := match{start: i, end: e, typ: typDate, ok: true}
	if n < 0 {
		if dir < 0 {
			m.val = "PAST_REF"
		} else {
			m.val = "FUTURE_REF"
		}
		return m
	}
	if !s.hasDCT {
		switch u {
		case uDay, uHour, uMinute, uSecond:
			m.val = "XXXX-XX-XX"
		case uWeek, uFortnight:
			m.val = "XXXX-WXX"
		case uMonth:
			m.val = "XXXX-XX"
		default:
			m.val = "XXXX"
		}
		return m
	}
	n *= dir
	switch u {
	case uSecond, uMinute, uHour:
		m.val = fmtDay(s.dct)
		if u == uHour && (n < -24 || n > 24) {
			m.val = fmtDay(s.dct.AddDate(0, 0, n/24))
		}
	case uDay:
		m.val = fmtDay(s.dct.AddDate(0, 0, n))
	case uWeek:
		m.val = fmtWeek(s.dct.AddDate(0, 0, 7*n))
	case uFortnight:
		m.val = fmtWeek(s.dct.AddDate(0, 0, 14*n))
	case uMonth:
		y, mo := addMonths(s.dct.Year(), int(s.dct.Month()), n)
		m.val = fmtYM(y, mo)
	case uQuarter:
		y, mo := addMonths(s.dct.Year(), int(s.dct.Month()), 3*n)
		m.val = fmtQ(y, quarterOf(mo))
	case uYear:
		m.val = fmtY(s.dct.Year() + n)
	case uDecade:
		m.val = fmtY(s.dct.Year() + 10*n)
	case uCentury:
		m.val = fmtY(s.dct.Year() + 100*n)
	default:
		return match{}
	}
	return m
}

// ---------- references ----------

func (s *scanner) mRef(i int) match {
	w := s.word(i)
	if w == nil {
		return match{}
	}
	r := func(e int, v string) match { return match{start: i, end: e, typ: typDate, val: v, ok: true} }
	switch w.id {
	case wNow:
		return r(i+1, "PRESENT_REF")
	case wRight:
		if s.is(i+1, wNow) {
			return r(i+2, "PRESENT_REF")
		}
	case wCurrently, wPresently, wNowadays:
		return r(i+1, "PRESENT_REF")
	case wCurrent, wRecent:
		if s.capital(i) && !s.sentStart(i) {
			return match{}
		}
		if s.is(i-1, wThe) || s.is(i-1, wMost) {
			return match{} // "the current quarter", "the most recent"
		}
		v := "PRESENT_REF"
		if w.id == wRecent {
			v = "PAST_REF"
		}
		return r(i+1, v)
	case wRecently, wLately:
		if s.is(i-1, wMore) || s.is(i-1, wMost) {
			return match{start: i - 1, end: i + 1, typ: typDate, val: "PAST_REF", ok: true}
		}
		return r(i+1, "PAST_REF")
	case wThese:
		if u := s.word(i + 1); u != nil && u.unit == uDay && u.plural {
			return r(i+2, "PRESENT_REF")
		}
	case wThe:
		j := i + 1
		if s.is(j, wNear) || s.is(j, wDistant) || s.is(j, wForeseeable) || s.is(j, wImmediate) {
			j++
		}
		if s.is(j, wFuture) {
			return r(j+1, "FUTURE_REF")
		}
		if j == i+1 && s.is(j, wPast) {
			if nw := s.word(j + 1); nw != nil && (nw.unit != 0 || nw.num != 0 || nw.id == wFew || nw.id == wSeveral) {
				return match{}
			}
			return r(j+1, "PAST_REF")
		}
	}
	return match{}
}

// ---------- sets ----------

func (s *scanner) mSet(i int) match {
	w := s.word(i)
	if w == nil {
		return match{}
	}
	r := func(e int, v string) match { return match{start: i, end: e, typ: typSet, val: v, ok: true} }
	switch w.id {
	case wDaily, wWeekly, wMonthly, wYearly, wAnnually, wHourly, wNightly:
		if s.capital(i) && !s.sentStart(i) {
			return match{}
		}
		switch w.id {
		case wDaily:
			return r(i+1, "P1D")
		case wWeekly:
			return r(i+1, "P1W")
		case wMonthly:
			return r(i+1, "P1M")
		case wYearly, wAnnually:
			return r(i+1, "P1Y")
		case wHourly:
			return r(i+1, "PT1H")
		case wQuarterly:
			return r(i+1, "P3M")
		case wNightly:
			return r(i+1, "XXXX-XX-XXTNI")
		}
	case wEvery, wEach:
		j := i + 1
		step := 1
		if s.is(j, wOther) {
			step = 2
			j++
		} else if n, k, ok := s.number(j); ok && n > 1 {
			step = n
			j = k
		}
		u := s.word(j)
		if u == nil {
			return match{}
		}
		switch {
		case u.unit != 0 && u.unit != uWeekend && (!u.plural || step > 1):
			return r(j+1, durVal(step, u.unit))
		case u.unit == uWeekend && !u.plural:
			return r(j+1, "XXXX-WXX-WE")
		case u.wday != 0 && !u.wplural:
			return r(j+1, "XXXX-WXX-"+string(rune('0'+isoWday(int(u.wday)))))
		case u.month != 0 && !u.mabbr && s.capital(j):
			return r(j+1, xMonth(int(u.month)))
		case u.season != 0:
			return r(j+1, "XXXX-"+seasonCodes[u.season])
		case u.pod != 0 && !u.plural:
			return r(j+1, "XXXX-XX-XXT"+podCodes[u.pod])
		}
	}
	return match{}
}

// ---------- numeric dates ----------

// plausibleYear bounds a four-digit year as yearAt does.
func plausibleYear(y int) bool { return y >= 1000 && y <= 2999 }

func (s *scanner) mNumeric(i int) match {
	a, na, ok := s.num(i)
	if !ok {
		return match{}
	}
	// YYYY-MM-DD; four-digit years in the range written years get
	// (yearAt): "0001-01-01" or "1/1/0001" is no date, and year 1 would
	// be time.Time's zero, which reads as "none" downstream.
	if na == 4 && plausibleYear(a) && s.punct(i+1, '-') && s.tight(i+1) && s.tight(i+2) && s.punct(i+3, '-') && s.tight(i+3) && s.tight(i+4) {
		m, nm, ok1 := s.num(i + 2)
		d, ndd, ok2 := s.num(i + 4)
		if ok1 && ok2 && nm <= 2 && ndd <= 2 && m >= 1 && m <= 12 && d >= 1 && d <= 31 && !(s.tight(i+5) && (s.isNumTok(i+5) || s.punct(i+5, '-'))) {
			return match{start: i, end: i + 5, typ: typDate, val: fmtYMD(a, m, d), ok: true, day: true}
		}
		return match{}
	}
	// M/D/YYYY or M/D/YY (US order)
	if na <= 2 && s.punct(i+1, '/') && s.tight(i+1) && s.tight(i+2) && s.punct(i+3, '/') && s.tight(i+3) && s.tight(i+4) {
		d, ndd, ok1 := s.num(i + 2)
		y, ny, ok2 := s.num(i + 4)
		if !ok1 || !ok2 || ndd > 2 || (ny != 4 && ny != 2) || (ny == 4 && !plausibleYear(y)) || (s.tight(i+5) && (s.isNumTok(i+5) || s.punct(i+5, '/'))) {
			return match{}
		}
		m := a
		if m > 12 && d <= 12 {
			m, d = d, m // D/M/YYYY when unambiguous
		}
		if m < 1 || m > 12 || d < 1 || d > 31 {
			return match{}
		}
		if ny == 2 {
			if y < 50 {
				y += 2000
			} else {
				y += 1900
			}
		}
		return match{start: i, end: i + 5, typ: typDate, val: fmtYMD(y, m, d), ok: true, day: true}
	}
	return match{}
}

// perRate reports whether the "a" at token j means "per": it follows a
// quantity ("358,000 a month", "$1.76 a year", "700 seats a week").
func (s *scanner) perRate(j int) bool {
	p := j - 1
	if p < 0 {
		return false
	}
	t := &s.toks[p]
	switch t.kind {
	case tNum:
		return true
	case tPunct:
		return t.c == '%'
	}
	w := t.w
	if w != nil {
		return w.noun || w.num != 0 || w.numMul
	}
	// a plural noun after a number: "four flights a week"
	if q := p - 1; q >= 0 && (s.toks[q].kind == tNum || s.word(q) != nil && s.word(q).num != 0) {
		return s.hasSuffix(p, "s")
	}
	return false
}
