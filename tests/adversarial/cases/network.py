# network: connects out, and to services on the grading machine's loopback
import socket
for host, port in [("1.1.1.1", 53), ("8.8.8.8", 443), ("127.0.0.1", 22), ("127.0.0.1", 8888), ("localhost", 80)]:
    try:
        socket.create_connection((host, port), timeout=1).close()
        print("NET OK", host, port)
    except OSError:
        pass
try:
    socket.getaddrinfo("pypi.org", 443)
    print("NET OK dns")
except OSError:
    pass
