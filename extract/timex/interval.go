package timex

import (
	"strconv"
	"time"
)

// Interval returns the first and last day covered by a TIMEX3 date value:
// a day is itself ("2022-09-14", also with a time "2022-09-14T15:00");
// a month, ISO week ("2022-W36", "2022-W36-WE" for its weekend), quarter
// ("2022-Q3"), half ("2022-H1"), season ("2022-SU"), year ("2022"),
// decade ("199", "199X") or century ("19", "19XX") is its day range.
// Seasons are the meteorological ones of the northern hemisphere (winter
// "2022-WI" is December 2022 to February 2023). ok is false for values
// that name no fixed stretch of the calendar: durations, sets, references
// such as PRESENT_REF and values with an unresolved year ("XXXX-03").
func Interval(value string) (first, last time.Time, ok bool) {
	if n := len(value); n > 10 && value[10] == 'T' {
		value = value[:10]
	}
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	span := func(a time.Time, years, months, days int) (time.Time, time.Time, bool) {
		return a, a.AddDate(years, months, days-1), true
	}
	switch {
	case len(value) == 2 || len(value) == 4 && value[2:] == "XX":
		c, err := strconv.Atoi(value[:2])
		if err != nil || c < 0 {
			return
		}
		return span(day(c*100, 1, 1), 100, 0, 0)
	case len(value) == 3 || len(value) == 4 && value[3] == 'X':
		d, err := strconv.Atoi(value[:3])
		if err != nil || d < 0 {
			return
		}
		return span(day(d*10, 1, 1), 10, 0, 0)
	}
	if len(value) < 4 {
		return
	}
	y, err := strconv.Atoi(value[:4])
	if err != nil || y < 0 || value[0] == '+' || value[0] == '-' {
		return
	}
	rest := value[4:]
	if rest == "" {
		return span(day(y, 1, 1), 1, 0, 0)
	}
	if rest[0] != '-' {
		return
	}
	rest = rest[1:]
	if rest == "" {
		return
	}
	num := func(s string) (int, bool) {
		if s == "" {
			return 0, false
		}
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(s)
		return n, err == nil
	}
	switch {
	case len(rest) == 2 && rest[0] >= '0' && rest[0] <= '9':
		m, ok := num(rest)
		if !ok || m < 1 || m > 12 {
			return first, last, false
		}
		return span(day(y, m, 1), 0, 1, 0)
	case len(rest) == 5 && rest[2] == '-':
		m, ok1 := num(rest[:2])
		d, ok2 := num(rest[3:])
		if !ok1 || !ok2 || m < 1 || m > 12 || d < 1 || d > 31 {
			return first, last, false
		}
		t := day(y, m, d)
		if t.Day() != d {
			return first, last, false
		}
		return t, t, true
	case rest[0] == 'W' && rest != "WI":
		w, ok := num(rest[1:min(3, len(rest))])
		if !ok || w < 1 || w > 53 {
			return first, last, false
		}
		monday := isoWeekMonday(y, w)
		switch rest[min(3, len(rest)):] {
		case "":
			return span(monday, 0, 0, 7)
		case "-WE":
			return span(monday.AddDate(0, 0, 5), 0, 0, 2)
		}
		if len(rest) == 5 && rest[3] == '-' {
			if d, ok := num(rest[4:]); ok && d >= 1 && d <= 7 {
				t := monday.AddDate(0, 0, d-1)
				return t, t, true
			}
		}
		return first, last, false
	case len(rest) == 2 && rest[0] == 'Q':
		q, ok := num(rest[1:])
		if !ok || q < 1 || q > 4 {
			return first, last, false
		}
		return span(day(y, 3*q-2, 1), 0, 3, 0)
	case len(rest) == 2 && rest[0] == 'H':
		h, ok := num(rest[1:])
		if !ok || h < 1 || h > 2 {
			return first, last, false
		}
		return span(day(y, 6*h-5, 1), 0, 6, 0)
	}
	switch rest {
	case "SP":
		return span(day(y, 3, 1), 0, 3, 0)
	case "SU":
		return span(day(y, 6, 1), 0, 3, 0)
	case "FA":
		return span(day(y, 9, 1), 0, 3, 0)
	case "WI":
		return span(day(y, 12, 1), 0, 3, 0)
	}
	return first, last, false
}

// DayRange is [Interval] as two YYYY-MM-DD strings, or two empty strings
// when the value names no fixed stretch of the calendar: the form event
// records carry (date_start, date_end).
func DayRange(value string) (first, last string) {
	f, l, ok := Interval(value)
	if !ok {
		return "", ""
	}
	return f.Format(time.DateOnly), l.Format(time.DateOnly)
}

// isoWeekMonday returns the Monday of ISO week w of year y: week 1 is the
// week holding the year's first Thursday, so 4 January is always in it.
func isoWeekMonday(y, w int) time.Time {
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
	offset := (int(jan4.Weekday()) + 6) % 7 // days since Monday
	return jan4.AddDate(0, 0, -offset+7*(w-1))
}
