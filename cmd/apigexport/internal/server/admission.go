package server

import (
	"context"
	"errors"
	"sync"
)

// The memory an export holds at its peak, per byte of the instance's
// bundle files, measured with the live heap (runtime/metrics
// /gc/heap/live:bytes, GOGC 5) on bundlegen groups of 1,000 and 10,000
// APIs (14.8 MB of bundle for 10,000): 1.8 to 2.1 in every scope, JSON and
// YAML alike, since the engine writes YAML one Path Item at a time as it
// writes JSON (yaml.v3's node tree of the whole document once cost 42 to
// 80). costExport is that figure with a margin; BENCHMARKS.md has the
// runs. The estimate is an upper bound for a bundle of several groups or a
// request that names a few APIs: the whole bundle is counted.
const (
	costExport = 4
	// costFixed is what any export holds whatever its size: the request,
	// the document's skeleton, the validator's tables.
	costFixed = 2 << 20
	// costLoad is what loading a bundle holds, per byte of its files, on
	// top of them: the decoder's tree and the model it fills. A loaded
	// bundle then stays resident at about its files' size.
	costLoad = 4
	// BaseMemory is what the server holds before any request: the runtime,
	// the code, the embedded page, the connections' buffers. It is taken
	// off the budget at the start.
	BaseMemory = 48 << 20
	// MinMemory is the smallest budget.
	MinMemory = 128 << 20
)

// admitted is the part of a memory budget that the admission hands out:
// the garbage collector needs room beyond what is live (the runtime's
// memory limit is the whole budget), so a quarter is left to it.
func admitted(budget int64) int64 { return budget - budget/4 }

// exportCost estimates the peak memory of an export of a bundle whose
// files hold size bytes, in any format and scope.
func exportCost(size int64) int64 {
	return size*costExport + costFixed
}

var (
	// errBusy is a request that waited its time and found no room.
	errBusy = errors.New("no room within the limits in time")
	// errTooBig is a request that could never fit the memory budget.
	errTooBig = errors.New("larger than the whole memory budget")
)

// admission keeps the server within its memory budget and its number of
// concurrent exports. A request asks for an amount of memory, and for an
// export slot if it is an export; it gets both at once or waits, in the
// order of arrival, until they are free or its context ends. A waiter
// that needs only memory is not held up by exports waiting for a slot.
type admission struct {
	mu       sync.Mutex
	memTotal int64 // 0: no memory budget
	memUsed  int64
	slots    int // 0: no limit on concurrent exports
	used     int
	waiters  []*waiter
	// queued, if set, is called (a.mu held) when a request starts to
	// wait: tests learn of it without polling.
	queued func()
}

type waiter struct {
	mem   int64
	slot  bool
	ready chan struct{} // closed when granted
}

func newAdmission(memTotal int64, slots int) *admission {
	return &admission{memTotal: memTotal, slots: slots}
}

// ticket is what a granted request holds.
type ticket struct {
	a    *admission
	mem  int64
	slot bool
}

func (a *admission) fitsMem(mem int64) bool  { return a.memTotal == 0 || a.memUsed+mem <= a.memTotal }
func (a *admission) fitsSlot(slot bool) bool { return !slot || a.slots == 0 || a.used < a.slots }

// acquire waits for mem bytes and, if slot, an export slot.
func (a *admission) acquire(ctx context.Context, mem int64, slot bool) (*ticket, error) {
	a.mu.Lock()
	if a.memTotal > 0 && mem > a.memTotal {
		a.mu.Unlock()
		return nil, errTooBig
	}
	// Queued last, then granted by the rule that grant applies to all.
	w := &waiter{mem: mem, slot: slot, ready: make(chan struct{})}
	a.waiters = append(a.waiters, w)
	a.grant()
	a.mu.Unlock()
	select {
	case <-w.ready:
		return &ticket{a, mem, slot}, nil
	default:
	}
	if a.queued != nil {
		a.mu.Lock()
		a.queued()
		a.mu.Unlock()
	}
	select {
	case <-w.ready:
		return &ticket{a, mem, slot}, nil
	case <-ctx.Done():
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	select {
	case <-w.ready: // granted as the context ended: give it back
		a.give(mem, slot)
	default:
		for i, o := range a.waiters {
			if o == w {
				a.waiters = append(a.waiters[:i], a.waiters[i+1:]...)
				break
			}
		}
		a.grant() // those behind it may fit now
	}
	return nil, errBusy
}

func (a *admission) take(mem int64, slot bool) {
	a.memUsed += mem
	if slot {
		a.used++
	}
}

// give returns memory and a slot and wakes whoever now fits; a.mu held.
func (a *admission) give(mem int64, slot bool) {
	a.memUsed -= mem
	if slot {
		a.used--
	}
	a.grant()
}

// grant wakes the waiters that fit, in order. A waiter that does not fit
// the memory stops the scan, so that a large export is not starved by
// smaller ones behind it; one that lacks only a slot is passed over.
func (a *admission) grant() {
	kept := a.waiters[:0]
	blocked := false
	for _, w := range a.waiters {
		switch {
		case blocked || !a.fitsMem(w.mem):
			blocked = true
			kept = append(kept, w)
		case !a.fitsSlot(w.slot):
			kept = append(kept, w)
		default:
			a.take(w.mem, w.slot)
			close(w.ready)
		}
	}
	clear(a.waiters[len(kept):])
	a.waiters = kept
}

// hold adds resident memory (a loaded bundle) without waiting: it is
// already allocated. The next requests wait for it to be given back.
func (a *admission) hold(mem int64) {
	a.mu.Lock()
	a.memUsed += mem
	a.mu.Unlock()
}

// drop gives back resident memory that hold added.
func (a *admission) drop(mem int64) {
	a.mu.Lock()
	a.give(mem, false)
	a.mu.Unlock()
}

// release gives back all the ticket holds.
func (t *ticket) release() {
	if t == nil {
		return
	}
	t.a.mu.Lock()
	t.a.give(t.mem, t.slot)
	t.mem, t.slot = 0, false
	t.a.mu.Unlock()
}

// shrink keeps only mem bytes of the ticket, and gives back its slot: an
// export that has its document needs only the document's memory while it
// is written, and no CPU.
func (t *ticket) shrink(mem int64) {
	t.a.mu.Lock()
	t.a.memUsed += mem - t.mem // more, if the estimate was short: the document exists
	t.mem = mem
	if t.slot {
		t.a.used--
		t.slot = false
	}
	t.a.grant()
	t.a.mu.Unlock()
}

// inUse reports the memory and slots held, for tests.
func (a *admission) inUse() (int64, int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.memUsed, a.used
}
