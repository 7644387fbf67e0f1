package timex

import (
	"strings"
	"testing"
	"time"
)

var dct = time.Date(2022, 9, 14, 0, 0, 0, 0, time.UTC) // a Wednesday

type want struct{ text, typ, val string }

type tcase struct {
	name string
	in   string
	dct  time.Time
	want []want
}

func runCases(t *testing.T, cases []tcase) {
	t.Helper()
	for _, c := range cases {
		got := Find(c.in, c.dct)
		ok := len(got) == len(c.want)
		if ok {
			for i, w := range c.want {
				g := got[i]
				if g.Text != w.text || g.Type != w.typ || g.Value != w.val {
					ok = false
				}
			}
		}
		if !ok {
			var b strings.Builder
			for _, g := range got {
				b.WriteString("\n\t" + g.Text + " | " + g.Type + " | " + g.Value)
			}
			t.Errorf("%s: Find(%q)\n got:%s\nwant: %v", c.name, c.in, b.String(), c.want)
		}
		checkOffsets(t, c.in, got)
	}
}

func checkOffsets(t *testing.T, in string, got []Expr) {
	t.Helper()
	r := []rune(in)
	prev := 0
	for _, g := range got {
		if g.Start < prev || g.End <= g.Start || g.End > len(r) {
			t.Fatalf("bad offsets %+v in %q", g, in)
		}
		if string(r[g.Start:g.End]) != g.Text {
			t.Fatalf("text %q != runes %q", g.Text, string(r[g.Start:g.End]))
		}
		prev = g.End
	}
}

func TestAbsolute(t *testing.T) {
	runCases(t, []tcase{
		{"month day year abbr", "It happened Sept. 14, 2022, in Kyiv.", dct, []want{{"Sept. 14, 2022", "DATE", "2022-09-14"}}},
		{"month day year", "On September 14, 2022 they met.", dct, []want{{"September 14, 2022", "DATE", "2022-09-14"}}},
		{"day month year", "Signed 14 September 2022 in Paris.", dct, []want{{"14 September 2022", "DATE", "2022-09-14"}}},
		{"month day no year", "Pictures were taken Sept. 13.", dct, []want{{"Sept. 13", "DATE", "2022-09-13"}}},
		{"nearest year", "The vote is on Jan. 5.", dct, []want{{"Jan. 5", "DATE", "2023-01-05"}}},
		{"iso", "Updated 2022-09-14 by staff.", dct, []want{{"2022-09-14", "DATE", "2022-09-14"}}},
		{"us numeric", "Filed 9/14/2022 in court.", dct, []want{{"9/14/2022", "DATE", "2022-09-14"}}},
		{"month year", "Prices rose in March 2022.", dct, []want{{"March 2022", "DATE", "2022-03"}}},
		{"year", "The war began in 2021.", dct, []want{{"2021", "DATE", "2021"}}},
		{"decade", "Built in the 1990s.", dct, []want{{"the 1990s", "DATE", "199X"}}},
		{"decade apostrophe", "A hit in the '90s.", dct, []want{{"the '90s", "DATE", "199X"}}},
		{"mid year", "Expected by mid-2021.", dct, []want{{"mid-2021", "DATE", "2021"}}},
		{"weekday + date one expr", "Wednesday, Sept. 14, 2022 was quiet.", dct, []want{{"Wednesday, Sept. 14, 2022", "DATE", "2022-09-14"}}},
		{"ordinal day", "Due on March 3rd, 2023.", dct, []want{{"March 3rd, 2023", "DATE", "2023-03-03"}}},
		{"no dct", "Pictures were taken Sept. 13.", time.Time{}, []want{{"Sept. 13", "DATE", "XXXX-09-13"}}},
		{"quarter", "Profit fell in the third quarter.", dct, []want{{"the third quarter", "DATE", "2022-Q3"}}},
		{"century", "It dates from the 20th century.", dct, []want{{"the 20th century", "DATE", "19"}}},
	})
}

func TestWeekdays(t *testing.T) {
	runCases(t, []tcase{
		{"same weekday", "The president on Wednesday traveled to the city.", dct, []want{{"Wednesday", "DATE", "2022-09-14"}}},
		{"past", "The minister traveled to Kyiv on Tuesday.", dct, []want{{"Tuesday", "DATE", "2022-09-13"}}},
		{"past said", "Officials said Monday that talks failed.", dct, []want{{"Monday", "DATE", "2022-09-12"}}},
		{"future will", "The president will travel to Kyiv on Friday.", dct, []want{{"Friday", "DATE", "2022-09-16"}}},
		{"future is to", "The council is to vote Thursday.", dct, []want{{"Thursday", "DATE", "2022-09-15"}}},
		{"future scheduled", "A hearing is scheduled for Monday.", dct, []want{{"Monday", "DATE", "2022-09-19"}}},
		{"last friday", "He was arrested last Friday.", dct, []want{{"last Friday", "DATE", "2022-09-09"}}},
		{"next tuesday", "Talks resume next Tuesday.", dct, []want{{"next Tuesday", "DATE", "2022-09-20"}}},
		{"no dct", "They met on Wednesday.", time.Time{}, []want{{"Wednesday", "DATE", "XXXX-WXX-3"}}},
		{"weekday night", "Shelling resumed Tuesday night.", dct, []want{{"Tuesday night", "TIME", "2022-09-13TNI"}}},
		{"inside word", "The Wednesdayfest and Mondaytown.", dct, nil},
		{"plural set", "Markets close early on Fridays.", dct, []want{{"Fridays", "SET", "XXXX-WXX-5"}}},
	})
}

func TestRelative(t *testing.T) {
	runCases(t, []tcase{
		{"today", "Talks resume today.", dct, []want{{"today", "DATE", "2022-09-14"}}},
		{"yesterday", "He spoke yesterday.", dct, []want{{"yesterday", "DATE", "2022-09-13"}}},
		{"tomorrow", "Voting ends tomorrow.", dct, []want{{"tomorrow", "DATE", "2022-09-15"}}},
		{"tonight", "He speaks tonight.", dct, []want{{"tonight", "TIME", "2022-09-14TNI"}}},
		{"this morning", "Sirens sounded this morning.", dct, []want{{"this morning", "TIME", "2022-09-14TMO"}}},
		{"days ago", "It fell two days ago.", dct, []want{{"two days ago", "DATE", "2022-09-12"}}},
		{"weeks ago", "It fell three weeks ago.", dct, []want{{"three weeks ago", "DATE", "2022-W34"}}},
		{"year ago", "Prices were lower a year ago.", dct, []want{{"a year ago", "DATE", "2021"}}},
		{"last week", "Forces withdrew last week.", dct, []want{{"last week", "DATE", "2022-W36"}}},
		{"late last week", "Forces withdrew late last week.", dct, []want{{"late last week", "DATE", "2022-W36"}}},
		{"this week", "A summit is due this week.", dct, []want{{"this week", "DATE", "2022-W37"}}},
		{"next month", "Elections are next month.", dct, []want{{"next month", "DATE", "2022-10"}}},
		{"last month", "Elections were last month.", dct, []want{{"last month", "DATE", "2022-08"}}},
		{"earlier this month", "It was signed earlier this month.", dct, []want{{"earlier this month", "DATE", "2022-09"}}},
		{"this year", "Growth slowed this year.", dct, []want{{"this year", "DATE", "2022"}}},
		{"last year", "Growth slowed last year.", dct, []want{{"last year", "DATE", "2021"}}},
		{"in March past", "The offensive began in March.", dct, []want{{"March", "DATE", "2022-03"}}},
		{"in March future", "The offensive will begin in March.", dct, []want{{"March", "DATE", "2023-03"}}},
		{"in March no dct", "The offensive began in March.", time.Time{}, []want{{"March", "DATE", "XXXX-03"}}},
		{"last March", "He resigned last March.", dct, []want{{"last March", "DATE", "2022-03"}}},
		{"this spring", "Crops failed this spring.", dct, []want{{"this spring", "DATE", "2022-SP"}}},
		{"last summer", "Fires burned last summer.", dct, []want{{"last summer", "DATE", "2022-SU"}}},
		{"last summer in july", "Fires burned last summer.", time.Date(2022, 7, 1, 0, 0, 0, 0, time.UTC), []want{{"last summer", "DATE", "2021-SU"}}},
		{"last weekend", "Protests erupted last weekend.", dct, []want{{"last weekend", "DATE", "2022-W36-WE"}}},
		{"next year", "Elections are due next year.", dct, []want{{"next year", "DATE", "2023"}}},
	})
}

func TestRefs(t *testing.T) {
	runCases(t, []tcase{
		{"now", "The city is now calm.", dct, []want{{"now", "DATE", "PRESENT_REF"}}},
		{"currently", "Troops are currently there.", dct, []want{{"currently", "DATE", "PRESENT_REF"}}},
		{"recently", "He recently left.", dct, []want{{"recently", "DATE", "PAST_REF"}}},
		{"future", "Peace may come in the future.", dct, []want{{"the future", "DATE", "FUTURE_REF"}}},
	})
}

func TestDurations(t *testing.T) {
	runCases(t, []tcase{
		{"adjective", "It ended a six-month occupation.", dct, []want{{"six-month", "DURATION", "P6M"}}},
		{"months", "The siege lasted six months.", dct, []want{{"six months", "DURATION", "P6M"}}},
		{"weeks", "It took two weeks.", dct, []want{{"two weeks", "DURATION", "P2W"}}},
		{"years", "He served three years.", dct, []want{{"three years", "DURATION", "P3Y"}}},
		{"hours", "Power was cut for 24 hours.", dct, []want{{"24 hours", "DURATION", "PT24H"}}},
		{"last few months", "Prices rose over the last few months.", dct, []want{{"the last few months", "DURATION", "PXM"}}},
		{"past three months", "Prices rose in the past three months.", dct, []want{{"the past three months", "DURATION", "P3M"}}},
		{"decades", "The dispute has lasted for decades.", dct, []want{{"decades", "DURATION", "PXDE"}}},
		{"two decades", "It lasted two decades.", dct, []want{{"two decades", "DURATION", "P20Y"}}},
		{"compound number", "It lasted twenty-four hours.", dct, []want{{"twenty-four hours", "DURATION", "PT24H"}}},
	})
}

func TestSets(t *testing.T) {
	runCases(t, []tcase{
		{"every week", "They meet every week.", dct, []want{{"every week", "SET", "P1W"}}},
		{"daily", "Flights run daily.", dct, []want{{"daily", "SET", "P1D"}}},
		{"weekly", "A weekly market.", dct, []want{{"weekly", "SET", "P1W"}}},
		{"each year", "It floods each year.", dct, []want{{"each year", "SET", "P1Y"}}},
		{"annually", "It is held annually.", dct, []want{{"annually", "SET", "P1Y"}}},
		{"each thursday", "They march each Thursday.", dct, []want{{"each Thursday", "SET", "XXXX-WXX-4"}}},
	})
}

func TestTimes(t *testing.T) {
	runCases(t, []tcase{
		{"am", "The blast came at 10:30 a.m. near the port.", dct, []want{{"10:30 a.m.", "TIME", "2022-09-14T10:30"}}},
		{"pm", "Curfew starts at 3 p.m. in the city.", dct, []want{{"3 p.m.", "TIME", "2022-09-14T15:00"}}},
		{"zone", "Polls open at 10 a.m. EDT and close later.", dct, []want{{"10 a.m. EDT", "TIME", "2022-09-14T10:00"}}},
		{"noon", "They met at noon.", dct, []want{{"noon", "TIME", "2022-09-14T12:00"}}},
		{"midnight", "It expires at midnight.", dct, []want{{"midnight", "TIME", "2022-09-14T24:00"}}},
		{"time weekday", "Polls will close at 8 p.m. Thursday.", dct, []want{{"8 p.m. Thursday", "TIME", "2022-09-15T20:00"}}},
		{"no dct", "Curfew starts at 3 p.m. in the city.", time.Time{}, []want{{"3 p.m.", "TIME", "XXXX-XX-XXT15:00"}}},
	})
}

func TestFalsePositives(t *testing.T) {
	runCases(t, []tcase{
		{"may modal", "The talks May be delayed and may fail.", dct, nil},
		{"march verb", "Protesters will march on the capital.", dct, nil},
		{"March verb capital", "March on, they said.", dct, nil},
		{"thousands", "About 2,000 people fled 150 km north.", dct, nil},
		{"quantity", "Some 1990 troops and 2000 people.", dct, nil},
		{"sept alone", "Este sitio web Sept usa cookies.", dct, nil},
		{"money", "It cost $2022 in fees.", dct, nil},
		{"one expr", "Pictures were taken Sept. 14, 2022.", dct, []want{{"Sept. 14, 2022", "DATE", "2022-09-14"}}},
		{"name", "April Smith and June Carter spoke.", dct, nil},
		{"daily newspaper", "He told the Daily Mail.", dct, nil},
	})
}

func TestEmptyAndUnicode(t *testing.T) {
	if got := Find("", dct); len(got) != 0 {
		t.Fatal(got)
	}
	in := "Ärzte – «am 14. September» – kamen am Mittwoch; on Tuesday, Ünal said «yesterday»."
	got := Find(in, dct)
	checkOffsets(t, in, got)
	if len(got) != 3 || got[1].Text != "Tuesday" || got[1].Value != "2022-09-13" || got[2].Value != "2022-09-13" {
		t.Fatalf("%+v", got)
	}
}

func TestWeekdayUntil(t *testing.T) {
	dct := time.Date(2025, 5, 14, 0, 0, 0, 0, time.UTC) // a Wednesday
	for _, tt := range []struct{ text, want string }{
		{"A march planned for Tuesday was postponed until Friday.", "2025-05-16"},
		{"Heavy rain is forecast until Thursday.", "2025-05-15"},
		{"The road stayed closed until Wednesday.", "2025-05-14"}, // the DCT's own weekday is the day itself
		{"Rebels attacked the town on Friday.", "2025-05-09"},
		{"The minister will visit the town on Friday.", "2025-05-16"},
	} {
		var got []string
		for _, e := range Find(tt.text, dct) {
			if e.Type == "DATE" {
				got = append(got, e.Value)
			}
		}
		if len(got) == 0 || got[len(got)-1] != tt.want {
			t.Errorf("%q: values %v, want the last %s", tt.text, got, tt.want)
		}
	}
}
