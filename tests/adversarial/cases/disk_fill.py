# resource exhaustion: writes a file larger than the file-size limit into the working folder
with open("filler.bin", "wb") as f:
    for _ in range(64):
        f.write(b"\0" * 2**20)
