package timex

// mExtra matches smaller families: "year-end", "the fiscal year", "the
// past year", "mid-afternoon [yesterday]", "the last half of 1989".
func (s *scanner) mExtra(i int) match {
	w := s.word(i)
	if w == nil {
		return match{}
	}
	// year-end, year end, year's end
	if w.unit == uYear && !w.plural {
		e := i + 1
		if s.punct(e, '-') && s.tight(e) {
			e++
		} else if s.punct(e, '\'') && s.is(e+1, wS) {
			e += 2
		}
		if s.is(e, wEnd) && !s.punct(e+1, '-') {
			v := "XXXX"
			if s.hasDCT {
				v = fmtY(s.dct.Year())
			}
			return match{start: i, end: e + 1, typ: typDate, val: v, mod: "END", ok: true}
		}
		return match{}
	}
	if w.id == wMid || w.id == wMidday {
		// mid-afternoon, mid afternoon [yesterday|today]
		k := i + 1
		if s.punct(k, '-') && s.tight(k) {
			k++
		}
		p := s.word(k)
		if p == nil || p.pod == 0 || p.plural {
			return match{}
		}
		e := k + 1
		day := "XXXX-XX-XX"
		if s.hasDCT {
			day = fmtDay(s.dct)
		}
		if dw := s.word(e); dw != nil && (dw.id == wToday || dw.id == wYesterday || dw.id == wTomorrow) {
			if m := s.cRelative(e, e); m.ok && m.end == e+1 && m.val != "PRESENT_REF" {
				day, e = m.val, e+1
			}
		}
		return match{start: i, end: e, typ: typTime, val: day + "T" + podCodes[p.pod], mod: "MID", ok: true}
	}
	if w.id != wThe {
		return match{}
	}
	k := i + 1
	n := s.word(k)
	if n == nil {
		return match{}
	}
	if n.unit == uYear && !n.plural {
		// "the year ended Sept. 30": a reporting period, as long as a year
		if s.is(k+1, wEnded) {
			return match{start: i, end: k + 1, typ: typDur, val: "P1Y", ok: true}
		}
		return match{}
	}
	switch n.id {
	case wCurrent, wFiscal, wFull:
		// the [current] fiscal year, the full year, the current year
		e := k + 1
		if n.id == wCurrent && s.is(e, wFiscal) {
			e++
		}
		u := s.word(e)
		if u == nil || u.unit != uYear || u.plural || s.punct(e+1, '-') || s.punct(e+1, '\'') {
			return match{}
		}
		if s.is(e+1, wEnded) {
			return match{start: i, end: e + 1, typ: typDur, val: "P1Y", ok: true}
		}
		v := "XXXX"
		if s.hasDCT {
			v = fmtY(s.dct.Year())
		}
		return match{start: i, end: e + 1, typ: typDate, val: v, ok: true}
	case wPast, wLast:
		// the past year: the year before the DCT's
		u := s.word(k + 1)
		if u == nil || u.plural || (u.unit != uYear && u.unit != uMonth) || s.punct(k+2, '-') || s.punct(k+2, '\'') {
			if n.id == wLast && s.is(k+1, wHalf) {
				return s.halfOf(i, k+2, 2)
			}
			return match{}
		}
		return s.relUnit(i, k+2, -1, u.unit, typDate)
	case wFirst, wSecond:
		if s.is(k+1, wHalf) {
			h := 1
			if n.id == wSecond {
				h = 2
			}
			return s.halfOf(i, k+2, h)
		}
	}
	return match{}
}

// halfOf matches "of <year>" at e after "the first/last half" (i..e).
func (s *scanner) halfOf(i, e, h int) match {
	if !s.is(e, wOf) {
		return match{}
	}
	y, e2, ok := s.yearAt(e + 1)
	if !ok {
		return match{}
	}
	return match{start: i, end: e2, typ: typDate, val: fmtY(y) + "-H" + string(rune('0'+h)), ok: true}
}
