package server

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"

	"github.com/apigexport/apigexport/model"
)

// maxInstanceBytes caps what one instance folder may hold, so that a
// stray huge file cannot exhaust the server's memory.
const maxInstanceBytes = 256 << 20

// errNoInstance is an instance folder that does not exist.
var errNoInstance = errors.New("no such instance")

// store serves the bundles kept on disk, DIR/{project}/{instance}/*.json,
// one bundle per instance. Every lookup reads the folder again and
// decodes only when its files changed, so edits are served without a
// restart, and a broken bundle fails only its own instance.
type store struct {
	root *os.Root // DIR: no name can reach outside it

	mu        sync.Mutex
	instances map[string]*instance
}

// instance is the last bundle loaded from one folder.
type instance struct {
	mu     sync.Mutex
	sum    [sha256.Size]byte // of the file names and contents it came from
	loaded bool
	bundle *model.Bundle
	err    error
}

func openStore(dir string) (*store, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &store{root: root, instances: map[string]*instance{}}, nil
}

func (s *store) Close() error { return s.root.Close() }

// validID reports whether a path ID can name a folder: letters, digits,
// '-', '_' and '.' but not a name made of dots only. Anything else (/, \,
// NUL, .., control bytes) is no ID of a project or instance.
func validID(id string) bool {
	if id == "" || len(id) > 128 || strings.Trim(id, ".") == "" {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// Bundle returns the bundle of an instance, errNoInstance when its folder
// does not exist, or the error that loading it gave. changed reports a
// fresh load (the caller logs load errors once).
func (s *store) Bundle(project, instanceID string) (b *model.Bundle, changed bool, err error) {
	if !validID(project) || !validID(instanceID) {
		return nil, false, errNoInstance
	}
	dir := project + "/" + instanceID
	files, sum, err := s.read(dir)
	if err != nil {
		return nil, false, err
	}
	s.mu.Lock()
	in := s.instances[dir]
	if in == nil {
		in = &instance{}
		s.instances[dir] = in
	}
	s.mu.Unlock()

	in.mu.Lock()
	defer in.mu.Unlock()
	if !in.loaded || in.sum != sum {
		in.bundle, in.err = load(files)
		in.sum, in.loaded, changed = sum, true, true
	}
	return in.bundle, changed, in.err
}

// read reads the *.json files of one folder in name order and the digest
// of their names and contents.
func (s *store) read(dir string) ([]model.File, [sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	fsys := s.root.FS()
	info, err := fs.Stat(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) || err == nil && !info.IsDir() {
		return nil, sum, errNoInstance
	}
	if err != nil {
		return nil, sum, err
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, sum, err
	}
	h := sha256.New()
	var files []model.File
	total := 0
	for _, e := range entries { // ReadDir sorts by name
		if e.IsDir() || path.Ext(e.Name()) != ".json" {
			continue
		}
		name := dir + "/" + e.Name()
		data, err := readCapped(fsys, name, maxInstanceBytes-total)
		if err != nil {
			return nil, sum, err
		}
		total += len(data)
		fmt.Fprintf(h, "%d:%s%d:", len(e.Name()), e.Name(), len(data))
		h.Write(data)
		files = append(files, model.File{Name: name, Data: data})
	}
	h.Sum(sum[:0])
	return files, sum, nil
}

func readCapped(fsys fs.FS, name string, limit int) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > limit {
		return nil, fmt.Errorf("%s: the instance's files exceed %d bytes", name, maxInstanceBytes)
	}
	return data, nil
}

// load merges an instance's files; a folder without any is an instance
// with no API group.
func load(files []model.File) (*model.Bundle, error) {
	return model.Load(files, model.LoadOptions{})
}
