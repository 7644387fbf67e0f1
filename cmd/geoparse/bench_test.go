package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"

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
