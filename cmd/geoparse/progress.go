package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progressMode says how a batch shows its progress on stderr.
type progressMode int

const (
	// progressAuto: a bar when stderr is a terminal, else nothing.
	progressAuto progressMode = iota
	// progressAlways (--progress): the bar on a terminal, else a plain
	// line every progressEvery, for logs.
	progressAlways
	// progressQuiet (--quiet): nothing but errors.
	progressQuiet
)

// progressEvery is how often a plain progress line is written to a log.
const progressEvery = 10 * time.Second

// progress shows how far a batch is: a progress bar on a terminal, or
// plain lines in a log (a bar's carriage returns make logs unreadable).
// Documents are counted beside the batch for the total and the ETA.
type progress struct {
	w     io.Writer
	bar   *progressbar.ProgressBar // on a terminal
	lines bool                     // plain lines

	mu    sync.Mutex
	n     int
	total int // 0 until counted
	start time.Time
	last  time.Time // of the last plain line
}

func newProgress(w io.Writer, mode progressMode) *progress {
	p := &progress{w: w, start: time.Now(), last: time.Now()}
	if mode == progressQuiet {
		return p
	}
	if isTerminal(w) {
		p.bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("geoparse"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("articles"),
			progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionFullWidth(),
			progressbar.OptionClearOnFinish(),
		)
		return p
	}
	p.lines = mode == progressAlways
	return p
}

// isTerminal reports whether w is a terminal (a file such as /dev/null or
// a pipe is not).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func (p *progress) on() bool { return p.bar != nil || p.lines }

// count counts the documents of the inputs for the total and the ETA
// (not stdin, which cannot be read twice).
func (p *progress) count(ctx context.Context, paths []string, mode inputMode) {
	n := countDocuments(ctx, paths, mode)
	if n <= 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total = n
	if p.bar != nil {
		p.bar.ChangeMax(n)
	}
}

// add counts n more documents done.
func (p *progress) add(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n += n
	switch {
	case p.bar != nil:
		p.bar.Add(n)
	case p.lines && time.Since(p.last) >= progressEvery:
		p.last = time.Now()
		fmt.Fprintf(p.w, "geoparse: %s\n", p.status())
	}
}

// status is "N[/TOTAL] articles, R articles/s[, ETA D]".
func (p *progress) status() string {
	rate := float64(p.n) / time.Since(p.start).Seconds()
	if p.total == 0 {
		return fmt.Sprintf("%d articles, %.0f articles/s", p.n, rate)
	}
	s := fmt.Sprintf("%d/%d articles, %.0f articles/s", p.n, p.total, rate)
	if rate > 0 && p.total > p.n {
		s += ", ETA " + time.Duration(float64(p.total-p.n)/rate*float64(time.Second)).Round(time.Second).String()
	}
	return s
}

// clear takes the bar off the line before a message is printed; it is
// drawn again on the next add.
func (p *progress) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Clear()
	}
}

// done ends the bar and, when progress was shown, prints the total.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Finish()
	}
	if p.on() {
		fmt.Fprintf(p.w, "geoparse: %d articles in %s\n", p.n, time.Since(p.start).Round(time.Millisecond))
	}
}
