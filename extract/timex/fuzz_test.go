package timex

import (
	"testing"
	"time"
	"unicode/utf8"
)

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"The president on Wednesday traveled to the city after forces withdrew late last week.",
		"Pictures were taken Sept. 13, 2022 at 10:30 a.m. EDT.",
		"the '90s, mid-2021, 9/14/2022, 2022-09-14, a six-month occupation, every week",
		"Ärzte – «am 14. September» – kamen; the last few months; 3 p.m. Thursday",
		"twenty-four hours ago, the third quarter of 1990, the 20th century",
		"The town fell on Aug. 6, 2021. Two days later, the next day, that year, the previous Friday.",
		"Net rose from $58 million a year earlier; the year-ago quarter; the 1988 period; this year's third quarter.",
		"nineteen ninety-six, the year two thousand, 2 1/2 years, a minute and a half, half an hour, year-end",
		"KYIV, Ukraine (AP) — Sept. 14, 2022\nA woman, Wednesday, Sept. 14, 2022. (AP Photo/X)",
	} {
		f.Add(s, int64(0))
		f.Add(s, int64(1663113600))
	}
	f.Fuzz(func(t *testing.T, s string, unix int64) {
		var d time.Time
		if unix != 0 {
			d = time.Unix(unix%(1<<34), 0).UTC()
		}
		got := Find(s, d)
		dt, src, ok := FindDCT(s)
		if ok && (src == "" || dt.IsZero()) {
			t.Fatalf("FindDCT(%q) = %v %q", s, dt, src)
		}
		if dt2, src2, ok2 := findDCT(s, false); !dt2.Equal(dt) || src2 != src || ok2 != ok {
			t.Fatalf("FindDCT(%q) = %v %q %v, but %v %q %v when captions are always scanned", s, dt, src, ok, dt2, src2, ok2)
		}
		if !utf8.ValidString(s) {
			return // offsets are still computed, but rune slicing is ill-defined
		}
		r := []rune(s)
		prev := 0
		for _, e := range got {
			if e.Start < prev || e.End <= e.Start || e.End > len(r) {
				t.Fatalf("bad offsets %+v (prev end %d, len %d)", e, prev, len(r))
			}
			if string(r[e.Start:e.End]) != e.Text {
				t.Fatalf("text %q != runes %q", e.Text, string(r[e.Start:e.End]))
			}
			if e.Type == "" || e.Value == "" {
				t.Fatalf("empty type/value %+v", e)
			}
			prev = e.End
		}
	})
}
