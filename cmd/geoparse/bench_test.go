package main

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/geoparse/geoparse/extract"
)

func TestBenchReportsBothPipelines(t *testing.T) {
	if testing.Short() {
		t.Skip("runs prose's models")
	}
	stdout, stderr, err := run(t, "", "bench", "--seconds", "0", "--prose-seconds", "0.01", "--workers", "1", fixture("paris-texas.txt"), fixture("lyon-floods.txt"))
	if err != nil {
		t.Fatalf("bench: %v\n%s", err, stderr)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`2 articles \(\d+\.\d KB on average\), 1 workers`),
		regexp.MustCompile(`geoparse\s+2\s+\d+\s+\d+\s+\d+\.\d{3}\s+\d+\.\d{3}`),
		regexp.MustCompile(`prose v2 NewDocument\s+2\s+\d+`),
		regexp.MustCompile(`geoparse is \d+× prose v2`),
		regexp.MustCompile(`start to first result: \d+ ms`),
		regexp.MustCompile(`peak resident memory: \d+ MB after geoparse, \d+ MB after prose`),
	} {
		if !want.MatchString(stdout) {
			t.Errorf("bench output lacks %s:\n%s", want, stdout)
		}
	}
	if _, _, err := run(t, "", "bench", "--prose-seconds", "0", fixture("..")+"/nothing-here.txt"); err == nil || !strings.Contains(err.Error(), "no articles") {
		t.Errorf("bench without articles: %v", err)
	}
}

func TestJoinArticles(t *testing.T) {
	doc := func(n int) extract.Document { return extract.Document{Text: strings.Repeat("x", n)} }
	sizes := func(ds []extract.Document) []int {
		var out []int
		for _, d := range ds {
			out = append(out, len(d.Text))
		}
		return out
	}
	for _, tt := range []struct {
		in   []int
		want []int
	}{
		{[]int{500, 500}, []int{1002}},              // joined with a blank line
		{[]int{1000}, []int{1000}},                  // already the size
		{[]int{2000, 400, 600}, []int{1002}},        // too long: left out
		{[]int{300, 1100, 1000}, []int{1100, 1000}}, // would overshoot: starts the next
		{[]int{300}, nil},                           // too short, nothing to join
	} {
		var in []extract.Document
		for _, n := range tt.in {
			in = append(in, doc(n))
		}
		if got := sizes(joinArticles(in, 1000)); !slices.Equal(got, tt.want) {
			t.Errorf("joinArticles(%v, 1000) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// benchRun runs whole passes over the articles, each article once a pass,
// at least one pass however short the budget, and stops at the first
// error, naming the article.
func TestBenchRunWholePasses(t *testing.T) {
	docs := []extract.Document{{ID: "a"}, {ID: "b"}, {ID: "c"}}
	for _, tc := range []struct {
		name    string
		workers int
		budget  time.Duration
		minPass int
	}{
		{"no budget, one worker", 1, 0, 1},
		{"no budget, more workers than articles", 5, 0, 1},
		{"some passes, two workers", 2, 50 * time.Millisecond, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			seen := map[string]int{}
			st, err := benchRun(context.Background(), docs, tc.workers, tc.budget, func(d extract.Document) (int, error) {
				mu.Lock()
				seen[d.ID]++
				mu.Unlock()
				time.Sleep(time.Millisecond)
				return 7, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			passes := seen["a"]
			if passes < tc.minPass || seen["b"] != passes || seen["c"] != passes {
				t.Fatalf("articles run %v: want whole passes, at least %d", seen, tc.minPass)
			}
			if st.articles != 3*passes || st.tokens != 21*passes || len(st.latencies) != st.articles {
				t.Errorf("stats: %d articles, %d tokens, %d latencies for %d passes", st.articles, st.tokens, len(st.latencies), passes)
			}
		})
	}
	_, err := benchRun(context.Background(), docs, 2, time.Hour, func(d extract.Document) (int, error) {
		if d.ID == "b" {
			return 0, errors.New("broken")
		}
		return 1, nil
	})
	if err == nil || !strings.Contains(err.Error(), "b: broken") {
		t.Errorf("error %v, want one naming article b", err)
	}
}
