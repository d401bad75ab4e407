with open('notes.txt') as f:
    notes = f.read()
