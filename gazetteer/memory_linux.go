package gazetteer

import "syscall"

// newIndexMemory returns n zeroed bytes outside the Go heap to read an
// index file into: an anonymous private mapping, which the collector
// neither scans nor counts towards its next goal (on the heap, a 1 GB
// index would let a GOGC=100 heap hold another GB of garbage before a
// collection). Huge pages are asked for: filling 76 MB took 8-10 ms with
// them, 30-90 ms with 4 KB pages (page faults, mostly). It is advice:
// where transparent huge pages are off, the memory is the same.
func newIndexMemory(n int) ([]byte, error) {
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return nil, err
	}
	_ = syscall.Madvise(b, syscall.MADV_HUGEPAGE)
	return b, nil
}

// sealIndexMemory makes the memory read-only once it is filled: lookups
// hand out strings that point into it, so a stray write through one
// faults at once instead of changing a place name under other readers.
func sealIndexMemory(b []byte) error { return syscall.Mprotect(b, syscall.PROT_READ) }

// freeIndexMemory gives back memory that no Index uses (an Open that
// failed, or a benchmark's).
func freeIndexMemory(b []byte) { _ = syscall.Munmap(b) }
