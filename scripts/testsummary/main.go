// Command testsummary reads `go test -json` on stdin and prints what
// `go test` prints (a line a package, the output of failed tests), then a
// summary of the skipped tests grouped by reason, so that a missing tool
// (GDAL, Chromium, the corpora in ../shared) is seen rather than buried.
// It exits with status 1 when a test or a build failed.
//
//	go test -json ./... | go run ./scripts/testsummary
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// event is one line of test2json output.
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

func main() {
	failed, err := summarize(os.Stdin, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testsummary:", err)
		os.Exit(2)
	}
	if failed {
		os.Exit(1)
	}
}

// summarize prints the report of the events read from r and reports
// whether anything failed.
func summarize(r io.Reader, w io.Writer) (failed bool, err error) {
	output := map[string][]string{} // package/test → its output lines
	skips := map[string][]string{}  // reason → tests
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var e event
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			fmt.Fprintln(w, sc.Text()) // not JSON: go's own message
			continue
		}
		key := e.Package + "/" + e.Test
		switch e.Action {
		case "output", "build-output":
			output[key] = append(output[key], e.Output)
		case "build-fail":
			failed = true
			fmt.Fprint(w, strings.Join(output[key], ""))
		case "skip":
			if e.Test == "" {
				fmt.Fprintf(w, "?   \t%s\t[no test files]\n", e.Package)
				break
			}
			reason := skipReason(output[key])
			skips[reason] = append(skips[reason], shortPackage(e.Package)+"."+e.Test)
		case "fail":
			failed = true
			if e.Test != "" {
				fmt.Fprint(w, strings.Join(output[key], ""))
				break
			}
			fmt.Fprint(w, strings.Join(output[key], ""))
			fmt.Fprintf(w, "FAIL\t%s\t%.3fs\n", e.Package, e.Elapsed)
		case "pass":
			if e.Test == "" {
				fmt.Fprintf(w, "ok  \t%s\t%.3fs\n", e.Package, e.Elapsed)
			}
		}
		if e.Action == "pass" || e.Action == "fail" || e.Action == "skip" {
			delete(output, key)
		}
	}
	if err := sc.Err(); err != nil {
		return failed, err
	}
	printSkips(w, skips)
	return failed, nil
}

// skipReason is the message a skipped test gave: its last output line
// other than the RUN and SKIP markers, without the file:line prefix.
func skipReason(lines []string) string {
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l == "" || strings.HasPrefix(l, "=== ") || strings.HasPrefix(l, "--- ") {
			continue
		}
		if j := strings.Index(l, ": "); j > 0 && strings.Contains(l[:j], ".go:") {
			l = l[j+2:]
		}
		return l
	}
	return "(no reason given)"
}

func shortPackage(p string) string { return strings.TrimPrefix(p, "github.com/geoparse/geoparse/") }

// printSkips prints the skipped tests grouped by reason, most first.
func printSkips(w io.Writer, skips map[string][]string) {
	if len(skips) == 0 {
		return
	}
	reasons := make([]string, 0, len(skips))
	total := 0
	for r, tests := range skips {
		reasons = append(reasons, r)
		total += len(tests)
	}
	sort.Slice(reasons, func(i, j int) bool {
		if a, b := len(skips[reasons[i]]), len(skips[reasons[j]]); a != b {
			return a > b
		}
		return reasons[i] < reasons[j]
	})
	fmt.Fprintf(w, "\n%d tests skipped:\n", total)
	for _, r := range reasons {
		tests := skips[r]
		sort.Strings(tests)
		list := strings.Join(tests, ", ")
		if len(tests) > 4 {
			list = strings.Join(tests[:4], ", ") + fmt.Sprintf(", and %d more", len(tests)-4)
		}
		fmt.Fprintf(w, "  %3d × %s\n        %s\n", len(tests), r, list)
	}
}
