# writing what it must not: the course, the jail of the other kernels, the system, /tmp, HOME of root
# (its own private folder, ../, is its to write)
import glob, os
targets = ["/work/main/PWNED", "/tmp/PWNED", "/root/PWNED", "../../PWNED", "/usr/PWNED", "/etc/PWNED",
           "/work/main/tests/fixtures/grading/PWNED"]
targets += [os.path.join(p, "PWNED") for p in glob.glob("/tmp/autograder-*")]
for target in targets:
    try:
        with open(target, "w") as f:
            f.write("x")
        print("WROTE", target)
    except OSError:
        pass
