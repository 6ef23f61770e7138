# resource exhaustion: grows a list until the address-space limit stops it
hog = []
while True:
    hog.append(bytearray(50 * 2**20))
