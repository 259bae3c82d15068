package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/apigexport/apigexport/model"
)

// maxInstanceBytes caps what one instance folder may hold, so that a
// stray huge file cannot exhaust the server's memory.
const maxInstanceBytes = 256 << 20

// sweepEvery is how often the cache looks for instances deleted on disk.
const sweepEvery = 30 * time.Second

// errNoInstance is an instance folder that does not exist.
var errNoInstance = errors.New("no such instance")

// notInstance is a name that is no instance for a reason worth logging:
// a symbolic link that leaves DIR, a folder that cannot be read.
type notInstance struct{ why error }

func (e *notInstance) Error() string        { return e.why.Error() }
func (e *notInstance) Is(target error) bool { return target == errNoInstance }

// store serves the bundles kept on disk, DIR/{project}/{instance}/*.json,
// one bundle per instance. Every lookup lists the folder and compares each
// file's size and modification time with those of the last load, and
// loads again only when they changed: edits are served without a restart,
// a request costs a few stat calls, and a broken bundle fails only its
// own instance. A bundle that fails to load after a good one leaves the
// good one served (a file rewritten in place is half-written for a
// while), until a load succeeds.
type store struct {
	root  *os.Root // DIR: no name can reach outside it
	admit *admission

	mu        sync.Mutex
	instances map[string]*instance
	swept     time.Time
}

// instance is what was last loaded from one folder.
type instance struct {
	mu     sync.Mutex
	stamps []stamp       // of the files of the last load, good or bad
	tried  bool          // a load was made
	bundle *model.Bundle // the last good bundle
	size   int64         // the bytes of its files, held in the admission
	err    error         // the last load's error, nil if it succeeded
	gone   bool          // forgotten: the folder was deleted
}

// stamp identifies a file's version without reading it.
type stamp struct {
	name string
	size int64
	mod  time.Time
}

func openStore(dir string, admit *admission) (*store, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &store{root: root, admit: admit, instances: map[string]*instance{}}, nil
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

// lookup is the answer of Bundle.
type lookup struct {
	bundle *model.Bundle // nil when no load ever succeeded
	size   int64         // the bytes of its files
	// failed is the error of a load made for this request (to log once);
	// stale is true when bundle is an older one served in its place.
	failed error
	stale  bool
}

// Bundle returns the bundle of an instance, or errNoInstance (maybe a
// *notInstance saying why) when there is none, or the error of loading it
// when no load ever succeeded. Loading waits in the admission for its
// memory, as long as ctx allows.
func (s *store) Bundle(ctx context.Context, project, instanceID string) (lookup, error) {
	if !validID(project) || !validID(instanceID) {
		return lookup{}, errNoInstance
	}
	dir := project + "/" + instanceID
	s.sweep()
	stamps, statErr := s.stat(dir)
	if errors.Is(statErr, errNoInstance) {
		s.forget(dir)
		return lookup{}, statErr
	}
	for {
		s.mu.Lock()
		in := s.instances[dir]
		if in == nil {
			in = &instance{}
			s.instances[dir] = in
		}
		s.mu.Unlock()
		in.mu.Lock()
		if in.gone { // forgotten while this request waited for it
			in.mu.Unlock()
			continue
		}
		res, err := s.current(ctx, in, dir, stamps, statErr)
		in.mu.Unlock()
		return res, err
	}
}

// current loads the instance again if its files are not those of the
// last load, and returns what it has; in.mu is held. statErr is a file
// that could not be listed (a link out of DIR, too many bytes): a failed
// load, tried again on the next request.
func (s *store) current(ctx context.Context, in *instance, dir string, stamps []stamp, statErr error) (lookup, error) {
	var failed error
	if statErr != nil {
		in.tried, in.stamps, in.err, failed = true, nil, statErr, statErr
	} else if !in.tried || !slices.Equal(in.stamps, stamps) {
		failed = s.load(ctx, in, dir, stamps)
		if errors.Is(failed, errBusy) {
			return lookup{}, errBusy
		}
	}
	if in.bundle == nil {
		return lookup{failed: failed}, in.err
	}
	return lookup{bundle: in.bundle, size: in.size, failed: failed, stale: in.err != nil}, nil
}

// stat lists the *.json files of an instance folder, in name order, with
// their sizes and modification times.
func (s *store) stat(dir string) ([]stamp, error) {
	fsys := s.root.FS()
	info, err := fs.Stat(fsys, dir)
	switch {
	case errors.Is(err, fs.ErrNotExist), err == nil && !info.IsDir():
		return nil, errNoInstance
	case err != nil:
		return nil, &notInstance{err}
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, &notInstance{err}
	}
	var stamps []stamp
	var total int64
	for _, e := range entries { // ReadDir sorts by name
		if e.IsDir() || path.Ext(e.Name()) != ".json" {
			continue
		}
		name := dir + "/" + e.Name()
		fi, err := fs.Stat(fsys, name) // through a symbolic link, inside DIR only
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if fi.IsDir() {
			continue
		}
		if total += fi.Size(); total > maxInstanceBytes {
			return nil, fmt.Errorf("%s: the instance's files exceed %d bytes", name, maxInstanceBytes)
		}
		stamps = append(stamps, stamp{name, fi.Size(), fi.ModTime()})
	}
	return stamps, nil
}

// loadTooBig is an instance whose bundle could never be loaded within the
// memory budget: the caller gets 503, as for an export too large.
type loadTooBig struct {
	dir        string
	size, need int64
}

func (e *loadTooBig) Error() string {
	return fmt.Sprintf("%s: loading %d bytes of bundle would exceed the memory budget", e.dir, e.size)
}

func (e *loadTooBig) Unwrap() error { return errTooBig }

// load reads and decodes the files; in.mu is held. It returns the load's
// error, which it also records; errBusy records nothing.
func (s *store) load(ctx context.Context, in *instance, dir string, stamps []stamp) error {
	var total int64
	for _, st := range stamps {
		total += st.size
	}
	t, err := s.admit.acquire(ctx, total*(costLoad+1), false)
	if err != nil {
		if errors.Is(err, errTooBig) {
			err = &loadTooBig{dir: dir, size: total, need: total * (costLoad + 1)}
			in.tried, in.stamps, in.err = true, stamps, err
		}
		return err
	}
	defer t.release()
	files := make([]model.File, 0, len(stamps))
	for _, st := range stamps {
		data, err := readExactly(s.root.FS(), st)
		if err != nil {
			// Being written: try again on the next request.
			in.tried, in.stamps, in.err = true, nil, err
			return err
		}
		files = append(files, model.File{Name: st.name, Data: data})
	}
	b, err := model.Load(files, model.LoadOptions{})
	in.tried, in.stamps, in.err = true, stamps, err
	if err != nil {
		return err
	}
	s.admit.hold(total)
	s.admit.drop(in.size)
	in.bundle, in.size = b, total
	return nil
}

// readExactly reads a file that must still have the size it was listed
// with; a file that grew or shrank is being written.
func readExactly(fsys fs.FS, st stamp) ([]byte, error) {
	f, err := fsys.Open(st.name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, st.size+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) != st.size {
		return nil, fmt.Errorf("%s: the file changed while it was read (%d bytes listed, %d read); write bundles elsewhere and rename them into place", st.name, st.size, len(data))
	}
	return data, nil
}

// forget drops an instance deleted on disk.
func (s *store) forget(dir string) {
	s.mu.Lock()
	in := s.instances[dir]
	delete(s.instances, dir)
	s.mu.Unlock()
	if in != nil {
		in.mu.Lock()
		s.admit.drop(in.size)
		in.bundle, in.size, in.gone = nil, 0, true
		in.mu.Unlock()
	}
}

// sweep forgets, at most every sweepEvery, the cached instances whose
// folders are gone, so that a deleted instance does not stay in memory
// until it is asked for again.
func (s *store) sweep() {
	s.mu.Lock()
	if time.Since(s.swept) < sweepEvery {
		s.mu.Unlock()
		return
	}
	s.swept = time.Now()
	dirs := make([]string, 0, len(s.instances))
	for dir := range s.instances {
		dirs = append(dirs, dir)
	}
	s.mu.Unlock()
	for _, dir := range dirs {
		if info, err := fs.Stat(s.root.FS(), dir); err != nil || !info.IsDir() {
			s.forget(dir)
		}
	}
}

// cached reports how many instances the cache holds, for tests.
func (s *store) cached() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.instances)
}
