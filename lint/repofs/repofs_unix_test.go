//go:build unix

package repofs_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"syscall"
	"testing"
)

func mkfifo(path string, mode uint32) error { return syscall.Mkfifo(path, mode) }

// TestWriteDescriptor: /dev/stdout is a link to the process's descriptor
// 1, whose pipe has no name (/proc/self/fd/1 -> "pipe:[4026]"); it is
// written through, not replaced, and so is any /dev/fd/N. The test uses a
// pipe of its own rather than the test binary's stdout.
func TestWriteDescriptor(t *testing.T) {
	if _, err := os.Stat("/dev/fd"); err != nil {
		t.Skip("no /dev/fd")
	}
	_, root := tree(t)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	name := fmt.Sprintf("/dev/fd/%d", w.Fd())
	err = root.WriteFile(name, []byte("through\n"))
	w.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(r)
	if err != nil || buf.String() != "through\n" {
		t.Errorf("WriteFile(%s) into a pipe = %v, read %q", name, err, buf.String())
	}
	// a descriptor of a socket is refused
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Skip(err)
	}
	defer syscall.Close(fds[0])
	defer syscall.Close(fds[1])
	name = fmt.Sprintf("/dev/fd/%d", fds[0])
	if st, err := os.Stat(name); err != nil || st.Mode()&fs.ModeSocket == 0 {
		t.Skipf("%s is not a socket here: %v", name, err)
	}
	if err := root.WriteFile(name, []byte("x")); err == nil || err.Error() != name+": a socket, not a regular file or a device" {
		t.Errorf("WriteFile(%s), a socket: %v", name, err)
	}
}
