package pipeline

import (
	"bufio"
	"context"
	"fmt"
	"hash/fnv"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

func init() {
	register.DoFn2x0[string, func(int, string)](&shardFn{})
	register.Function1x2[int, int, string](shardKey)
	register.DoFn4x1[context.Context, int, func(*string) bool, func(*string) bool, error](&writeFn{})
	register.Emitter2[int, string]()
	register.Iter1[string]()
}

// writeFiles writes the chunks of text of col (each a whole number of
// lines) to the files names, spread by a hash of the chunk. Every file is
// written, empty if no chunk falls to it, so a reader can tell "nothing
// found" from "not run". Order within a file is not defined.
func writeFiles(s beam.Scope, col beam.PCollection, names []string) {
	keyed := beam.ParDo(s, &shardFn{Shards: len(names)}, col)
	idx := make([]any, len(names))
	for i := range idx {
		idx[i] = i
	}
	// Every shard index as a key of its own, so that CoGroupByKey calls
	// writeFn for empty shards too.
	all := beam.ParDo(s, shardKey, beam.Create(s, idx...))
	grouped := beam.CoGroupByKey(s, all, keyed)
	beam.ParDo0(s, &writeFn{Names: names}, grouped)
}

// shardFn keys a chunk by its shard: a hash, so the same input gives the
// same shards.
type shardFn struct{ Shards int }

func (f *shardFn) ProcessElement(chunk string, emit func(int, string)) {
	h := fnv.New32a()
	h.Write([]byte(chunk))
	emit(int(h.Sum32()%uint32(f.Shards)), chunk)
}

func shardKey(i int) (int, string) { return i, "" }

// writeFn writes the chunks of one shard to its file through Beam's
// filesystems (local, gs://, s3://). A retried bundle rewrites the file
// whole.
type writeFn struct{ Names []string }

func (f *writeFn) ProcessElement(ctx context.Context, shard int, _ func(*string) bool, chunks func(*string) bool) (err error) {
	name := f.Names[shard]
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	defer func() {
		if cerr := w.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("write %s: %w", name, cerr)
		}
	}()
	bw := bufio.NewWriterSize(w, 1<<20)
	var chunk string
	for chunks(&chunk) {
		if _, err := bw.WriteString(chunk); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}
