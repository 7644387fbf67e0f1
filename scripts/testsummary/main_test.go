package main

import (
	"strings"
	"testing"
)

func TestSummarize(t *testing.T) {
	events := strings.Join([]string{
		`{"Action":"run","Package":"p/a","Test":"TestGDAL"}`,
		`{"Action":"output","Package":"p/a","Test":"TestGDAL","Output":"=== RUN   TestGDAL\n"}`,
		`{"Action":"output","Package":"p/a","Test":"TestGDAL","Output":"    gdal_test.go:24: ogrinfo not on PATH (apt-get install gdal-bin)\n"}`,
		`{"Action":"output","Package":"p/a","Test":"TestGDAL","Output":"--- SKIP: TestGDAL (0.00s)\n"}`,
		`{"Action":"skip","Package":"p/a","Test":"TestGDAL"}`,
		`{"Action":"output","Package":"p/a","Test":"TestRound","Output":"    x_test.go:9: ogrinfo not on PATH (apt-get install gdal-bin)\n"}`,
		`{"Action":"skip","Package":"p/a","Test":"TestRound"}`,
		`{"Action":"pass","Package":"p/a","Elapsed":0.5}`,
		`{"Action":"output","Package":"p/b","Test":"TestBad","Output":"    b_test.go:3: got 1, want 2\n"}`,
		`{"Action":"fail","Package":"p/b","Test":"TestBad"}`,
		`{"Action":"fail","Package":"p/b","Elapsed":0.1}`,
	}, "\n")
	var out strings.Builder
	failed, err := summarize(strings.NewReader(events), &out)
	if err != nil || !failed {
		t.Fatalf("failed %v, err %v", failed, err)
	}
	for _, want := range []string{
		"ok  \tp/a\t0.500s",
		"got 1, want 2",
		"FAIL\tp/b",
		"2 tests skipped:",
		"2 × ogrinfo not on PATH (apt-get install gdal-bin)",
		"p/a.TestGDAL, p/a.TestRound",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, out.String())
		}
	}
	failed, _ = summarize(strings.NewReader(`{"Action":"pass","Package":"p/a"}`), &out)
	if failed {
		t.Error("a passing run failed")
	}
}
