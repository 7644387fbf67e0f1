package timex

import (
	"testing"
	"time"
)

func TestInterval(t *testing.T) {
	tests := []struct {
		value, first, last string // "" last: not an interval
	}{
		{"2022-09-14", "2022-09-14", "2022-09-14"},
		{"2022-09-14T15:00", "2022-09-14", "2022-09-14"},
		{"2022-09-14TNI", "2022-09-14", "2022-09-14"},
		{"2024-02", "2024-02-01", "2024-02-29"},
		{"2023-02", "2023-02-01", "2023-02-28"},
		{"2022-W36", "2022-09-05", "2022-09-11"},
		{"2021-W01", "2021-01-04", "2021-01-10"},
		{"2020-W53", "2020-12-28", "2021-01-03"},
		{"2022-W36-WE", "2022-09-10", "2022-09-11"},
		{"2022-W36-3", "2022-09-07", "2022-09-07"},
		{"2022-Q3", "2022-07-01", "2022-09-30"},
		{"2022-H2", "2022-07-01", "2022-12-31"},
		{"2022-SU", "2022-06-01", "2022-08-31"},
		{"2022-WI", "2022-12-01", "2023-02-28"},
		{"2022", "2022-01-01", "2022-12-31"},
		{"198", "1980-01-01", "1989-12-31"},
		{"199X", "1990-01-01", "1999-12-31"},
		{"16", "1600-01-01", "1699-12-31"},
		{"19XX", "1900-01-01", "1999-12-31"},
		{"2022-02-30", "", ""},
		{"2022-13", "", ""},
		{"XXXX-03", "", ""},
		{"XXXX-WXX-3", "", ""},
		{"P3D", "", ""},
		{"PRESENT_REF", "", ""},
		{"", "", ""},
		{"2022-W54", "", ""},
		{"0000-", "", ""},
		{"2022-W", "", ""},
		{"2022-Q", "", ""},
	}
	for _, tt := range tests {
		first, last, ok := Interval(tt.value)
		if tt.last == "" {
			if ok {
				t.Errorf("Interval(%q) = %s..%s, want none", tt.value, first.Format(time.DateOnly), last.Format(time.DateOnly))
			}
			continue
		}
		if !ok || first.Format(time.DateOnly) != tt.first || last.Format(time.DateOnly) != tt.last {
			t.Errorf("Interval(%q) = %s..%s %v, want %s..%s", tt.value, first.Format(time.DateOnly), last.Format(time.DateOnly), ok, tt.first, tt.last)
		}
	}
}

func FuzzInterval(f *testing.F) {
	for _, s := range []string{"2022-09-14", "2022-W36-WE", "199X", "2022-SU", "XXXX"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		first, last, ok := Interval(v)
		if ok && last.Before(first) {
			t.Fatalf("Interval(%q) ends %v before it starts %v", v, last, first)
		}
	})
}

func TestDayRange(t *testing.T) {
	if f, l := DayRange("2022-W36"); f != "2022-09-05" || l != "2022-09-11" {
		t.Errorf("DayRange(2022-W36) = %s, %s", f, l)
	}
	if f, l := DayRange("P3D"); f != "" || l != "" {
		t.Errorf("DayRange(P3D) = %q, %q, want empty", f, l)
	}
}
