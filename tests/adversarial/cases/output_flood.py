# resource exhaustion: prints without end
while True:
    print("spam " * 200)
