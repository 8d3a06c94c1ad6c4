extension String {
    /// The string right-aligned in `length` characters, padded on the left with `pad`.
    func leftPadded(to length: Int, with pad: Character) -> String {
        String(repeating: pad, count: max(0, length - count)) + self
    }
}
