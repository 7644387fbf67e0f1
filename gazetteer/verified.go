package gazetteer

import (
	"encoding/json"
	"os"
	"path/filepath"
	"time"

	"github.com/geoparse/geoparse/internal/atomicfile"
)

// Checking the checksums of a world-size index means reading all of it,
// about 1 GB: a tenth of a second from the page cache, seconds from disk,
// and a page cache filled with sections that lookups never touch. So Open
// checks them once per file, and remembers it in verifiedFileName beside
// the index: the identity of the file it checked (device, inode, size,
// modification and status-change times, header checksum). Any write to
// the file, a copy or a replacement changes that identity (the
// status-change time cannot be set back by any program), and the next
// Open checks again. What it cannot see is a disk that changes bytes
// under an unchanged file; 'geoparse gazetteer info --verify' and
// Index.Verify check everything whenever asked.
const verifiedFileName = "verified.json"

// racyWindow: a file changed this recently is not remembered as checked,
// since a change in the same tick of the file system's clock would leave
// its times as they are (as Git's "racily clean" index entries).
const racyWindow = 2 * time.Second

// fileStamp identifies one version of an index file.
type fileStamp struct {
	Format    uint32 `json:"format_version"`
	HeaderCRC uint32 `json:"header_crc"`
	Dev       uint64 `json:"dev"`
	Ino       uint64 `json:"ino"`
	Size      int64  `json:"size"`
	ModNanos  int64  `json:"mtime_ns"`
	ChgNanos  int64  `json:"ctime_ns"`
}

// stampOf returns the stamp of the file fi describes; ok is false where
// the system gives no inode and status-change time (then Open checks
// every time).
func stampOf(fi os.FileInfo, h *header) (fileStamp, bool) {
	id, ok := fileIdentityOf(fi)
	if !ok {
		return fileStamp{}, false
	}
	return fileStamp{Format: h.version, HeaderCRC: h.crc, Dev: id.dev, Ino: id.ino,
		Size: fi.Size(), ModNanos: fi.ModTime().UnixNano(), ChgNanos: id.ctime.UnixNano()}, true
}

// fileIdentity is what the system tells of a file beyond os.FileInfo.
type fileIdentity struct {
	dev, ino uint64
	ctime    time.Time
}

// verifiedBefore reports whether dir's stamp says that this very file was
// checked.
func verifiedBefore(dir string, s fileStamp) bool {
	b, err := os.ReadFile(filepath.Join(dir, verifiedFileName))
	if err != nil {
		return false
	}
	var old fileStamp
	return json.Unmarshal(b, &old) == nil && old == s
}

// rememberVerified writes dir's stamp once the file s describes has been
// checked, unless it changed too recently to tell a later change by its
// times. A folder that cannot be written to is left as it is: Open then
// checks every time.
func rememberVerified(dir string, s fileStamp, now time.Time) {
	changed := time.Unix(0, max(s.ModNanos, s.ChgNanos))
	if now.Sub(changed) < racyWindow {
		return
	}
	b, err := json.Marshal(s)
	if err != nil {
		return
	}
	_ = atomicfile.WriteFile(filepath.Join(dir, verifiedFileName), append(b, '\n'))
}
