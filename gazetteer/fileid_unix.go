//go:build linux || darwin

package gazetteer

import (
	"os"
	"syscall"
)

func fileIdentityOf(fi os.FileInfo) (fileIdentity, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fileIdentity{}, false
	}
	return fileIdentity{dev: uint64(st.Dev), ino: uint64(st.Ino), ctime: statusChange(st)}, true
}
