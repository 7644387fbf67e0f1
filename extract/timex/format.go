package timex

import (
	"strconv"
	"time"
)

func pad(b []byte, v, width int) []byte {
	if v < 0 {
		v = -v
		b = append(b, '-')
	}
	var tmp [20]byte
	t := strconv.AppendInt(tmp[:0], int64(v), 10)
	for i := len(t); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, t...)
}

func fmtY(y int) string { return string(pad(make([]byte, 0, 4), y, 4)) }

func fmtYM(y, m int) string {
	b := pad(make([]byte, 0, 7), y, 4)
	b = append(b, '-')
	return string(pad(b, m, 2))
}

func fmtYMD(y, m, d int) string {
	b := pad(make([]byte, 0, 10), y, 4)
	b = append(b, '-')
	b = pad(b, m, 2)
	b = append(b, '-')
	return string(pad(b, d, 2))
}

func fmtDay(t time.Time) string { return fmtYMD(t.Year(), int(t.Month()), t.Day()) }

func fmtWeek(t time.Time) string {
	y, w := t.ISOWeek()
	b := pad(make([]byte, 0, 8), y, 4)
	b = append(b, '-', 'W')
	return string(pad(b, w, 2))
}

func fmtQ(y, q int) string {
	b := pad(make([]byte, 0, 7), y, 4)
	return string(append(b, '-', 'Q', byte('0'+q)))
}

func xMonth(m int) string { return string(pad([]byte("XXXX-"), m, 2)) }

func xMonthDay(m, d int) string {
	b := pad([]byte("XXXX-"), m, 2)
	b = append(b, '-')
	return string(pad(b, d, 2))
}

// isoWday converts a 1..7 Sunday-first weekday to the ISO 1..7 Monday-first one.
func isoWday(wd int) int {
	if wd == 1 {
		return 7
	}
	return wd - 1
}

func durVal(n int, u unit) string {
	b := make([]byte, 0, 8)
	b = append(b, 'P')
	time := u == uHour || u == uMinute || u == uSecond
	if time {
		b = append(b, 'T')
	}
	if u == uFortnight && n > 0 {
		n *= 2
	}
	if u == uQuarter && n > 0 {
		n *= 3
	}
	if u == uDecade && n > 0 {
		n *= 10 // "two decades": P20Y
		u = uYear
	}
	if n < 0 {
		b = append(b, 'X')
	} else {
		b = strconv.AppendInt(b, int64(n), 10)
	}
	switch u {
	case uHour:
		b = append(b, 'H')
	case uMinute:
		b = append(b, 'M')
	case uSecond:
		b = append(b, 'S')
	case uDay:
		b = append(b, 'D')
	case uWeek, uFortnight:
		b = append(b, 'W')
	case uMonth:
		b = append(b, 'M')
	case uQuarter:
		if n < 0 {
			b = append(b, 'Q')
		} else {
			b = append(b, 'M')
		}
	case uYear:
		b = append(b, 'Y')
	case uDecade:
		b = append(b, 'D', 'E')
	case uCentury:
		b = append(b, 'C', 'E')
	case uWeekend:
		b = append(b, 'W', 'E')
	}
	return string(b)
}

func addMonths(y, m, n int) (int, int) {
	t := y*12 + (m - 1) + n
	return t / 12, t%12 + 1
}

func quarterOf(m int) int { return (m-1)/3 + 1 }

// halfVal is the value of "<n> and a half <unit>" / "<n> 1/2 <unit>" (n may be 0).
func halfVal(n int, u unit) string {
	b := []byte{'P'}
	num := func(v int, c byte) {
		b = strconv.AppendInt(b, int64(v), 10)
		b = append(b, c)
	}
	switch u {
	case uYear:
		if n > 0 {
			num(n, 'Y')
		}
		num(6, 'M')
	case uMonth:
		if n > 0 {
			num(n, 'M')
		}
		num(15, 'D')
	case uWeek:
		num(7*n+3, 'D')
		b = append(b, 'T')
		num(12, 'H')
	case uDay:
		if n > 0 {
			num(n, 'D')
		}
		b = append(b, 'T')
		num(12, 'H')
	case uHour:
		b = append(b, 'T')
		if n > 0 {
			num(n, 'H')
		}
		num(30, 'M')
	case uMinute:
		b = append(b, 'T')
		if n > 0 {
			num(n, 'M')
		}
		num(30, 'S')
	case uDecade:
		num(10*n+5, 'Y')
	case uCentury:
		num(100*n+50, 'Y')
	default:
		return durVal(n, u)
	}
	return string(b)
}
