package timex

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

// Reference time moving with the narrative, tense, and the families added
// with it (fractions, years in words, halves, year-end, financial periods).

func TestNarrativeReference(t *testing.T) {
	runCases(t, []tcase{
		{"days later", "The town fell on Aug. 6, 2021. Two days later, troops withdrew.", dct, []want{{"Aug. 6, 2021", "DATE", "2021-08-06"}, {"Two days later", "DATE", "2021-08-08"}}},
		{"a week later", "Talks began on March 3, 2020, and collapsed a week later.", dct, []want{{"March 3, 2020", "DATE", "2020-03-03"}, {"a week later", "DATE", "2020-W11"}}},
		{"years earlier", "In 1995 the plant closed; two years earlier it had been sold.", dct, []want{{"1995", "DATE", "1995"}, {"two years earlier", "DATE", "1993"}}},
		{"later no ref", "They returned three days later.", dct, []want{{"three days later", "DATE", "2022-09-17"}}},
		{"the next day", "He was arrested on Monday and released the next day.", dct, []want{{"Monday", "DATE", "2022-09-12"}, {"the next day", "DATE", "2022-09-13"}}},
		{"the following month", "The law passed in March 2019. The following month, protests began.", dct, []want{{"March 2019", "DATE", "2019-03"}, {"The following month", "DATE", "2019-04"}}},
		{"the following year", "He was elected in 2004 and resigned the following year.", dct, []want{{"2004", "DATE", "2004"}, {"the following year", "DATE", "2005"}}},
		{"that year", "The dam broke in 1998. Later that year, floods returned.", dct, []want{{"1998", "DATE", "1998"}, {"Later that year", "DATE", "1998"}}},
		{"that day", "Shelling began on Sept. 10, 2022; that day, 12 people died.", dct, []want{{"Sept. 10, 2022", "DATE", "2022-09-10"}, {"that day", "DATE", "2022-09-10"}}},
		{"the day before", "The vote was held on May 5, 2021, and the deal was signed the day before.", dct, []want{{"May 5, 2021", "DATE", "2021-05-05"}, {"the day before", "DATE", "2021-05-04"}}},
		{"the day before clause", "He was last seen Nov. 3, 2021, the day before police issued a warrant.", dct, []want{{"Nov. 3, 2021", "DATE", "2021-11-03"}}},
		{"previous weekday", "Markets fell on Friday, down from the previous Friday.", dct, []want{{"Friday", "DATE", "2022-09-09"}, {"the previous Friday", "DATE", "2022-09-02"}}},
		{"weekday after narrative date", "On March 3, 2021, police arrested him, and on Friday he was charged.", dct, []want{{"March 3, 2021", "DATE", "2021-03-03"}, {"Friday", "DATE", "2021-03-05"}}},
		{"weekday in next sentence uses dct", "On March 3, 2021, police arrested him. He spoke on Friday.", dct, []want{{"March 3, 2021", "DATE", "2021-03-03"}, {"Friday", "DATE", "2022-09-09"}}},
		{"range end is deictic", "Shares were bought from Sept. 1, 2022 to Monday.", dct, []want{{"Sept. 1, 2022", "DATE", "2022-09-01"}, {"Monday", "DATE", "2022-09-12"}}},
		{"ago stays on dct", "The town fell on Aug. 6, 2021. Two days ago, troops withdrew.", dct, []want{{"Aug. 6, 2021", "DATE", "2021-08-06"}, {"Two days ago", "DATE", "2022-09-12"}}},
		{"no dct", "They returned three days later.", time.Time{}, []want{{"three days later", "DATE", "XXXX-XX-XX"}}},
	})
}

func TestTense(t *testing.T) {
	runCases(t, []tcase{
		{"said adjacent", "A spokesman said Thursday that troops will remain.", dct, []want{{"Thursday", "DATE", "2022-09-08"}}},
		{"fronted", "On Friday, the minister will visit the front.", dct, []want{{"Friday", "DATE", "2022-09-16"}}},
		{"fronted said", "On Friday the ministry said the talks failed.", dct, []want{{"Friday", "DATE", "2022-09-09"}}},
		{"passive future", "She will be named commander for a mission in December.", dct, []want{{"December", "DATE", "2022-12"}}},
		{"participle not past", "Qantas will double its flights by August in the search for markets untouched by the crisis.", time.Date(2022, 2, 13, 0, 0, 0, 0, time.UTC), []want{{"August", "DATE", "2022-08"}}},
		{"reported clause", "Reports said Saudi Arabia told companies of a cutback in October.", dct, []want{{"October", "DATE", "2022-10"}}},
		{"set to", "The peace process is set to resume Monday.", dct, []want{{"Monday", "DATE", "2022-09-19"}}},
		{"progressive", "The council is meeting Friday.", dct, []want{{"Friday", "DATE", "2022-09-16"}}},
		{"since", "The carrier has been on patrol since March.", time.Date(2022, 2, 13, 0, 0, 0, 0, time.UTC), []want{{"March", "DATE", "2021-03"}}},
		{"decimal not a boundary", "Its stock rose to $42.875 in June from $29.75 in March.", time.Date(2022, 10, 30, 0, 0, 0, 0, time.UTC), []want{{"June", "DATE", "2022-06"}, {"March", "DATE", "2022-03"}}},
		{"month day past", "The fund closed on March 31, its managers said it had lost money.", time.Date(2022, 10, 31, 0, 0, 0, 0, time.UTC), []want{{"March 31", "DATE", "2022-03-31"}}},
		{"month day near", "The dividend will be paid Dec. 14 to holders.", time.Date(2022, 10, 26, 0, 0, 0, 0, time.UTC), []want{{"Dec. 14", "DATE", "2022-12-14"}}},
	})
}

func TestFinancialPeriods(t *testing.T) {
	d := time.Date(1989, 10, 26, 0, 0, 0, 0, time.UTC)
	runCases(t, []tcase{
		{"a year earlier", "Net rose in the third quarter to $87 million from $58 million a year earlier.", d, []want{{"the third quarter", "DATE", "1989-Q3"}, {"a year earlier", "DATE", "1988-Q3"}}},
		{"a year ago no quarter", "Prices were lower a year ago.", d, []want{{"a year ago", "DATE", "1988"}}},
		{"year-ago quarter", "Third-quarter profit rose. In the year-ago quarter it lost money.", d, []want{{"Third-quarter", "DATE", "1989-Q3"}, {"the year-ago quarter", "DATE", "1988-Q3"}}},
		{"year-earlier ordinal", "In the year-earlier third quarter, it earned $2.8 million.", d, []want{{"the year-earlier third quarter", "DATE", "1988-Q3"}}},
		{"year-earlier adjective", "It had a loss in the second quarter, compared with a year-earlier loss.", d, []want{{"the second quarter", "DATE", "1989-Q2"}, {"year-earlier", "DATE", "1988-Q2"}}},
		{"the quarter", "Profit fell in the second quarter. Sales in the quarter rose.", d, []want{{"the second quarter", "DATE", "1989-Q2"}, {"the quarter", "DATE", "1989-Q2"}}},
		{"latest period", "The third quarter was weak; the latest period had charges.", d, []want{{"The third quarter", "DATE", "1989-Q3"}, {"the latest period", "DATE", "1989-Q3"}}},
		{"year period", "Third-quarter net fell. In the 1988 period, it earned more.", d, []want{{"Third-quarter", "DATE", "1989-Q3"}, {"the 1988 period", "DATE", "1988-Q3"}}},
		{"this year's quarter", "Sales for this year's third quarter fell.", d, []want{{"this year's third quarter", "DATE", "1989-Q3"}}},
		{"year ended", "Revenue was $76 million for the year ended March 31.", d, []want{{"the year", "DURATION", "P1Y"}, {"March 31", "DATE", "1989-03-31"}}},
		{"fiscal year", "Earnings will fall for the current fiscal year.", d, []want{{"the current fiscal year", "DATE", "1989"}}},
		{"year-end", "The plan is due by year-end.", d, []want{{"year-end", "DATE", "1989"}}},
		{"half of year", "Output rose in the last half of 1989.", d, []want{{"the last half of 1989", "DATE", "1989-H2"}}},
		{"rate is a set", "It pays a dividend of $1.76 a year.", d, []want{{"a year", "SET", "P1Y"}}},
		{"rate flights", "Qantas runs four flights a week.", d, []want{{"a week", "SET", "P1W"}}},
	})
}

func TestWordsAndFractions(t *testing.T) {
	runCases(t, []tcase{
		{"year in words", "Atlanta, nineteen ninety-six.", dct, []want{{"nineteen ninety-six", "DATE", "1996"}}},
		{"month year in words", "January nineteen ninety-seven was cold.", dct, []want{{"January nineteen ninety-seven", "DATE", "1997-01"}}},
		{"the year two thousand", "By the year two thousand, it was gone.", dct, []want{{"the year two thousand", "DATE", "2000"}}},
		{"season of year in words", "Prices fell in the winter of nineteen ninety-four.", dct, []want{{"the winter of nineteen ninety-four", "DATE", "1994-WI"}}},
		{"decade word", "It was popular in the nineties.", dct, []want{{"the nineties", "DATE", "199X"}}},
		{"not a year", "Twenty five people died.", dct, nil},
		{"and a half", "It took a minute and a half.", dct, []want{{"a minute and a half", "DURATION", "PT1M30S"}}},
		{"slash half", "He served 2 1/2 years.", dct, []want{{"2 1/2 years", "DURATION", "P2Y6M"}}},
		{"half an hour", "They waited half an hour.", dct, []want{{"half an hour", "DURATION", "PT30M"}}},
		{"hours and a half", "Talks lasted five hours and a half.", dct, []want{{"five hours and a half", "DURATION", "PT5H30M"}}},
		{"range", "Repairs will take two to three weeks.", dct, []want{{"two to three weeks", "DURATION", "P2W"}}},
		{"mid-afternoon", "Trading halted mid-afternoon yesterday.", dct, []want{{"mid-afternoon yesterday", "TIME", "2022-09-13TAF"}}},
		{"right now", "Prices are high right now.", dct, []want{{"right now", "DATE", "PRESENT_REF"}}},
		{"title", "Baker said on \"This Week\" that talks failed.", dct, nil},
		{"name with year", "They founded a company called Orion 1980 in Budapest.", dct, nil},
		{"a second group", "A second group of directors joined.", dct, nil},
	})
}

func TestFindDCT(t *testing.T) {
	want := time.Date(2022, 9, 14, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name, in, src string
	}{
		{"ap dateline", "KYIV, Ukraine (AP) — Sept. 14, 2022\nThe president on Wednesday traveled.", DCTDateline},
		{"published", "Published: 14 September 2022\n\nBody text on Monday.", DCTDateline},
		{"date line", "September 14, 2022\nKYIV — text", DCTDateline},
		{"updated iso", "By Jane Doe | Updated 2022-09-14 10:31\nText.", DCTDateline},
		{"weekday dateline", "KHARKIV (Reuters) - Wednesday, September 14, 2022: troops advanced.", DCTDateline},
		{"caption", "Troops advanced on Friday.\n\nA woman walks past a building in Kyiv, Ukraine, Wednesday, Sept. 14, 2022. (AP Photo/Efrem Lukatsky)", DCTCaption},
		{"caption upper case", "Text.\n\nKyiv, Sept. 14, 2022 (REUTERS/Valentyn Ogirenko)", DCTCaption},
		{"caption getty", "Text.\n\nIzium on 14 September 2022. (Juan Getty Images)", DCTCaption},
	}
	for _, c := range cases {
		got, src, ok := FindDCT(c.in)
		if !ok || !got.Equal(want) || src != c.src {
			t.Errorf("%s: FindDCT = %v %q %v, want %v %q", c.name, got, src, ok, want, c.src)
		}
	}
	for _, in := range []string{
		"",
		"Nothing here on Friday, May 5.",
		"The war began on Feb. 24, 2022, when troops crossed the border.",
		"Troops advanced on Sept. 14.\n\nA caption on Wednesday. (AP Photo/X)",
		"Kyiv, Sept. 14, 2022 (Photographer unknown)",
		"Kyiv, Sept. 14, 2022 (AP Phötos)",
	} {
		if got, src, ok := FindDCT(in); ok {
			t.Errorf("FindDCT(%q) = %v %q, want none", in, got, src)
		}
	}
}

// Numeric dates take four-digit years only in the range written years
// get: FuzzFind found FindDCT("1/1/0001") reporting year 1, time.Time's
// zero value, as a found date (testdata/fuzz/FuzzFind/460badbf5fe15809).
func TestNumericDateYearRange(t *testing.T) {
	cases := []struct {
		in, want string // want: the value found, "" for none
	}{
		{"1/1/0001", ""},
		{"0001-01-01", ""},
		{"5/14/0999", ""},
		{"0999-05-14", ""},
		{"5/14/3000", ""},
		{"5/14/1000", "1000-05-14"},
		{"2999-05-14", "2999-05-14"},
		{"9/14/2022", "2022-09-14"},
		{"9/14/22", "2022-09-14"},
		{"2022-09-14", "2022-09-14"},
	}
	for _, c := range cases {
		got := ""
		if es := Find(c.in, time.Time{}); len(es) > 0 {
			got = es[0].Value
		}
		if got != c.want {
			t.Errorf("Find(%q) = %q, want %q", c.in, got, c.want)
		}
		dt, src, ok := FindDCT(c.in)
		if ok != (c.want != "") || ok && (dt.IsZero() || dt.Format("2006-01-02") != c.want) {
			t.Errorf("FindDCT(%q) = %v %q %v, want %q", c.in, dt, src, ok, c.want)
		}
	}
}

// On the articles of the shared corpora, skipping the caption scan when
// no credit word occurs changes nothing FindDCT finds.
func TestFindDCTCreditFilter(t *testing.T) {
	n, found := 0, 0
	for _, path := range []string{"../../../shared/corpora/tr-news/tr-news.jsonl", "../../../shared/corpora/geovirus/geovirus.jsonl", corpusDir + "timebank.jsonl", corpusDir + "aquaint.jsonl", "../../../shared/samples/izium-2022-09-14.txt"} {
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		texts := []string{string(b)}
		if strings.HasSuffix(path, ".jsonl") {
			texts = texts[:0]
			for _, line := range strings.Split(string(b), "\n") {
				var doc struct{ Text string }
				if json.Unmarshal([]byte(line), &doc) == nil && doc.Text != "" {
					texts = append(texts, doc.Text)
				}
			}
		}
		for _, text := range texts {
			n++
			dt, src, ok := FindDCT(text)
			if ok {
				found++
			}
			if dt2, src2, ok2 := findDCT(text, false); !dt2.Equal(dt) || src2 != src || ok2 != ok {
				t.Errorf("%s: FindDCT = %v %q %v, %v %q %v when captions are always scanned", path, dt, src, ok, dt2, src2, ok2)
			}
		}
	}
	if n == 0 {
		t.Skip("../shared not present")
	}
	t.Logf("%d articles, %d with a dateline or caption date", n, found)
}
