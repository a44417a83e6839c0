package lint

import (
	"bytes"
	"io"
	"os"
)

// spool holds output that must be written after something only known at
// the end (the SARIF log's rules list comes before its results): in a
// temporary file, so memory stays flat however long the output, or in
// memory when no temporary file can be made.
type spool struct {
	f   *os.File
	mem *bytes.Buffer
}

func newSpool() *spool {
	f, err := os.CreateTemp("", "inboxlint-*.spool")
	if err != nil {
		return &spool{mem: &bytes.Buffer{}}
	}
	// unlinked at once where the system allows: nothing stays behind
	// if the process is killed
	_ = os.Remove(f.Name())
	return &spool{f: f}
}

func (s *spool) Write(p []byte) (int, error) {
	if s.f != nil {
		return s.f.Write(p)
	}
	return s.mem.Write(p)
}

// copyTo writes everything written so far to w.
func (s *spool) copyTo(w io.Writer) error {
	if s.f == nil {
		_, err := w.Write(s.mem.Bytes())
		return err
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err := io.Copy(w, s.f)
	return err
}

// Close removes the file.
func (s *spool) Close() error {
	if s.f == nil {
		return nil
	}
	name := s.f.Name()
	err := s.f.Close()
	_ = os.Remove(name) // where it could not be removed while open
	return err
}
