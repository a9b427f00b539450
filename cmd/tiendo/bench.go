package main

import (
	"context"
	"errors"
	"io"
)

// cmdBench is a placeholder until the command lands.
func cmdBench(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return errors.New("lệnh này chưa có")
}
