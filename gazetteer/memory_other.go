//go:build !linux

package gazetteer

// newIndexMemory returns n zeroed bytes to read an index file into. Off
// Linux they are on the Go heap, which every system has; the collector
// then counts the index towards its goal, but nothing is unsafe.
func newIndexMemory(n int) ([]byte, error) { return make([]byte, n), nil }

// sealIndexMemory would make the memory read-only; heap memory cannot be,
// and nothing writes to it.
func sealIndexMemory([]byte) error { return nil }

// freeIndexMemory leaves heap memory to the collector.
func freeIndexMemory([]byte) {}
