package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
)

// Exit statuses of geoparse-beam, geoparse extract's (cmd/geoparse), so a
// script tells the outcome of a run the same way whichever ran it.
const (
	// ExitOK: every document was extracted.
	ExitOK = 0
	// ExitFailed: the run failed, or some documents failed (they are in
	// the errors file) while the rest was written.
	ExitFailed = 1
	// ExitUsage: a bad command line or configuration; nothing was run.
	ExitUsage = 2
	// ExitInterrupted: SIGINT or SIGTERM stopped the run (128 + SIGINT,
	// as shells report it).
	ExitInterrupted = 130
)

// ExitStatus is the status of a run that ended with err (nil if the job
// succeeded) and wrote failed error records; interrupted says that a
// signal stopped it.
func ExitStatus(err error, failed int64, interrupted bool) int {
	var ce *ConfigError
	switch {
	case interrupted || errors.Is(err, context.Canceled):
		return ExitInterrupted
	case errors.As(err, &ce):
		return ExitUsage
	case err != nil || failed > 0:
		return ExitFailed
	}
	return ExitOK
}

// CountErrors counts the records of an errors file the pipeline wrote
// (local, gs:// or s3://): the documents and files that failed. The file,
// not the counters, decides: it is what the user is shown, and a runner
// need not report metrics.
func CountErrors(ctx context.Context, path string) (int64, error) {
	fsys, err := filesystem.New(ctx, path)
	if err != nil {
		return 0, fmt.Errorf("errors file %s: %w", path, err)
	}
	defer fsys.Close()
	rc, err := fsys.OpenRead(ctx, path)
	if err != nil {
		return 0, fmt.Errorf("errors file %s: %w", path, err)
	}
	defer rc.Close()
	var n int64
	br := bufio.NewReaderSize(rc, 1<<16)
	buf := make([]byte, 1<<16)
	for {
		k, err := br.Read(buf)
		n += int64(bytes.Count(buf[:k], []byte{'\n'}))
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, fmt.Errorf("errors file %s: %w", path, err)
		}
	}
}
