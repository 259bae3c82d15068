package model

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"unsafe"
)

// readList reads a list of n int64s into s as the generated readers do,
// the reader's position advancing by perElem bytes an element, and
// returns it.
func readList(r *reader, s *slab[int64], n, perElem int) []int64 {
	start, from := len(s.buf), r.i
	for k := range n {
		if len(s.buf) == cap(s.buf) {
			start = s.grow(r, start, from)
		}
		s.buf = s.buf[:len(s.buf)+1]
		s.buf[len(s.buf)-1] = int64(k)
		r.i += perElem
	}
	return s.take(start)
}

func counting(n int) []int64 {
	out := make([]int64, n)
	for k := range out {
		out[k] = int64(k)
	}
	return out
}

// TestSlabLists: lists that fill a block, cross into the next and follow
// each other keep their elements; each is capped, so that appending to one
// leaves its neighbour alone; an empty list is empty, not nil.
func TestSlabLists(t *testing.T) {
	r := &reader{data: make([]byte, 1<<20)}
	var s slab[int64]
	var lists [][]int64
	for _, n := range []int{3, 0, 100, 700, 1, 2000, 5} {
		lists = append(lists, readList(r, &s, n, 2))
	}
	for i, n := range []int{3, 0, 100, 700, 1, 2000, 5} {
		got := lists[i]
		if got == nil || !slices.Equal(got, counting(n)) || cap(got) != n {
			t.Fatalf("list %d of %d: len %d cap %d, nil %v, want 0..%d capped", i, n, len(got), cap(got), got == nil, n-1)
		}
	}
	lists[0] = append(lists[0], -1)
	lists[2] = append(lists[2], -1)
	if !slices.Equal(lists[1], counting(0)) || !slices.Equal(lists[3], counting(700)) {
		t.Fatal("appending to a list wrote over the next one")
	}
}

// TestSlabLongList: a list that outgrows its block gets room for what the
// rest of the file would hold, so that a long list moves a few times and
// not at every doubling; a short one in a long file does not take a large
// block for it.
func TestSlabLongList(t *testing.T) {
	const n, perElem = 100000, 50
	r := &reader{data: make([]byte, n*perElem+100)}
	var s slab[int64]
	blocks := 0
	start, from := len(s.buf), r.i
	for k := range n {
		if len(s.buf) == cap(s.buf) {
			start = s.grow(r, start, from)
			blocks++
		}
		s.buf = s.buf[:len(s.buf)+1]
		s.buf[len(s.buf)-1] = int64(k)
		r.i += perElem
	}
	if got := s.take(start); !slices.Equal(got, counting(n)) {
		t.Fatal("the long list lost elements as it moved")
	}
	if blocks > 4 {
		t.Errorf("a list of %d took %d blocks; want at most 4", n, blocks)
	}
	if spare := cap(s.buf) - len(s.buf); spare > n/8 {
		t.Errorf("the last block has room for %d more elements, for a file with none left", spare)
	}

	// A list of large elements, as the bundle's APIs are: its blocks
	// add up to little more than the list, whatever its length (the
	// growth of bytes with the APIs stays linear).
	for _, c := range []struct{ n, most int }{{2000, 2 * 2000}, {20000, 20000 * 12 / 10}} {
		n := c.n
		const perElem = 1400
		r := &reader{data: make([]byte, n*perElem+100)}
		var big slab[[88]int64]
		allocated := 0
		start, from := len(big.buf), r.i
		for range n {
			if len(big.buf) == cap(big.buf) {
				start = big.grow(r, start, from)
				allocated += cap(big.buf)
			}
			big.buf = big.buf[:len(big.buf)+1]
			r.i += perElem
		}
		if len(big.take(start)) != n || allocated > c.most {
			t.Errorf("a list of %d large elements: blocks of %d elements in all, want at most %d", n, allocated, c.most)
		}
	}

	// A long list followed by as many bytes of other lists: the estimate
	// gave it room for twice its length, which the bundle must not keep.
	{
		const n, perElem = 10000, 10
		r := &reader{data: make([]byte, 2*n*perElem)}
		var s slab[int64]
		list := readList(r, &s, n, perElem)
		if !slices.Equal(list, counting(n)) {
			t.Fatal("the trimmed list lost elements")
		}
		if held := cap(s.buf) * 8; held > slabBytes {
			t.Errorf("after a long list that the estimate overshot, its slab still holds a block of %d bytes", held)
		}
	}

	// A short list in a long file: blocks stay at most slabBytes.
	r = &reader{data: make([]byte, 1<<24)}
	var short slab[int64]
	for range 50 {
		readList(r, &short, 3, 20)
	}
	if c := cap(short.buf) * int(unsafe.Sizeof(int64(0))); c > slabBytes {
		t.Errorf("short lists took a block of %d bytes, over slabBytes (%d)", c, slabBytes)
	}
}

// TestSlabBundle: a bundle read through the slabs has every list capped,
// so that a list appended to after Load cannot write over the list that
// follows it in the slab.
func TestSlabBundle(t *testing.T) {
	var apis []map[string]any
	for i := range 300 {
		var params []map[string]any
		for k := range i % 5 {
			params = append(params, map[string]any{"name": fmt.Sprintf("p%d", k), "location": "QUERY", "type": "STRING"})
		}
		apis = append(apis, map[string]any{"id": fmt.Sprint("api", i), "name": fmt.Sprint("api_", i),
			"req_params": params, "tags": []string{"a", "b", "c"}[:i%4],
			"backend_params": []map[string]any{{"name": fmt.Sprint("b", i)}}})
	}
	data, err := json.Marshal(map[string]any{"apis": apis})
	if err != nil {
		t.Fatal(err)
	}
	b, _, ok := readFast(&reader{data: data, file: "f.json"})
	if !ok {
		t.Fatal("the fast pass gave up on the bundle")
	}
	want := make([]string, len(b.APIs))
	for i := range b.APIs {
		a := &b.APIs[i]
		if cap(a.ReqParams) != len(a.ReqParams) || cap(a.Tags) != len(a.Tags) || cap(a.BackendParams) != len(a.BackendParams) {
			t.Fatalf("API %d: a list has room past its end (params %d/%d, tags %d/%d, backend params %d/%d)", i,
				len(a.ReqParams), cap(a.ReqParams), len(a.Tags), cap(a.Tags), len(a.BackendParams), cap(a.BackendParams))
		}
		want[i] = fmt.Sprint(a.ReqParams, a.Tags)
	}
	for i := range b.APIs {
		a := &b.APIs[i]
		a.ReqParams = append(a.ReqParams, ReqParam{Name: "added"})
		a.Tags = append(a.Tags, "added")
	}
	for i := range b.APIs {
		a := &b.APIs[i]
		if got := fmt.Sprint(a.ReqParams[:len(a.ReqParams)-1], a.Tags[:len(a.Tags)-1]); got != want[i] {
			t.Fatalf("API %d changed when the others' lists were appended to:\n%s\nwant\n%s", i, got, want[i])
		}
	}
}

// slabBytesHeld is the bytes of the blocks that r's slabs hold now.
func slabBytesHeld(r *reader) int {
	n := 0
	v := reflect.ValueOf(&r.slabs).Elem()
	for i := range v.NumField() {
		buf := v.Field(i).Field(0)
		n += buf.Cap() * int(buf.Type().Elem().Size())
	}
	return n
}

// TestSlabSmallFile: reading a small file takes small blocks, which the
// bundle keeps (a block per type of 16 KiB made a bundle of a few KB hold
// a hundred).
func TestSlabSmallFile(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "examples", "*.bundle.json"))
	if len(files) == 0 {
		t.Fatal("no sample bundles")
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		r := &reader{data: data, file: name}
		if _, _, ok := readFast(r); !ok {
			continue // read by the careful mode, without slabs
		}
		if held, most := slabBytesHeld(r), 2*len(data)+8<<10; held > most {
			t.Errorf("%s (%d bytes): the slabs hold blocks of %d bytes, want at most %d", name, len(data), held, most)
		}
	}
}
