package main

import (
	"regexp"
	"strings"
	"testing"
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
