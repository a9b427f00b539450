package store_test

import (
	"fmt"
	"sync"
	"testing"

	"tiendo"
	"tiendo/internal/store"
	"tiendo/internal/storetest"
)

// Two instances on one database write audited changes at once: the chain
// stays whole. On PostgreSQL each instance appends its rows at the end of its
// transactions, under the chain's row lock; on SQLite each instance's writes
// go through its own group-commit writer and the database's write lock.
func TestAuditChainTwoInstances(t *testing.T) {
	dsn := storetest.DSN(t)
	var stores []*store.Store
	for range 2 {
		s, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		stores = append(stores, s)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 60)
	for k, s := range stores {
		for g := range 6 {
			wg.Go(func() {
				for i := range 5 {
					errs <- s.CreateUnit(ctx, store.Actor{}, &tiendo.Unit{Code: fmt.Sprintf("s%dg%di%d", k, g, i), Name: "Đơn vị"})
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for k, s := range stores {
		if rep := verify(t, s); !rep.OK() || rep.Rows != 60 {
			t.Errorf("instance %d: after 60 concurrent writes on two instances: %+v, want 60 rows unbroken", k, rep)
		}
	}
}
