package sandbox

// Execute is ExecuteIn with room of the execution's own (no Scratch):
// what the tests run.
func (ft *Field) Execute(data Data, b *Budget) (out string, segs []Seg, cost Cost, terr *Error) {
	return ft.execute(data, b, nil)
}
