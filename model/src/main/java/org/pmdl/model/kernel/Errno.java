package org.pmdl.model.kernel;

import java.util.Arrays;
import java.util.Optional;

/**
 * Linux errno names and numbers (include/uapi/asm-generic/errno-base.h and errno.h; the values are the same on
 * x86_64 and ppc64 for every name listed here, except EDEADLOCK, which is left out).
 */
public enum Errno {
    EPERM(1), ENOENT(2), ESRCH(3), EINTR(4), EIO(5), ENXIO(6), E2BIG(7), ENOEXEC(8), EBADF(9), ECHILD(10),
    EAGAIN(11), ENOMEM(12), EACCES(13), EFAULT(14), ENOTBLK(15), EBUSY(16), EEXIST(17), EXDEV(18), ENODEV(19),
    ENOTDIR(20), EISDIR(21), EINVAL(22), ENFILE(23), EMFILE(24), ENOTTY(25), ETXTBSY(26), EFBIG(27), ENOSPC(28),
    ESPIPE(29), EROFS(30), EMLINK(31), EPIPE(32), EDOM(33), ERANGE(34), EDEADLK(35), ENAMETOOLONG(36),
    ENOLCK(37), ENOSYS(38), ENOTEMPTY(39), ELOOP(40), ENOMSG(42), EIDRM(43), ENODATA(61), ETIME(62),
    EOVERFLOW(75), EBADFD(77), EREMOTEIO(121), EILSEQ(84), EOPNOTSUPP(95), EADDRINUSE(98),
    EADDRNOTAVAIL(99), ENOBUFS(105), ETIMEDOUT(110), EALREADY(114), EINPROGRESS(115), ECANCELED(125),
    EHWPOISON(133);

    private final int number;

    Errno(int number) {
        this.number = number;
    }

    /** The positive errno value; the kernel returns its negation. */
    public int number() {
        return number;
    }

    public static Optional<Errno> byName(String name) {
        return Arrays.stream(values()).filter(e -> e.name().equals(name)).findFirst();
    }
}
