"""The one expected error type: bad arguments or a missing data repo.

Bad *data* is never an error: it is a finding. The CLI turns a GkError into one
Chinese line on stderr and exit code 2, in one place."""


class GkError(Exception):
    def __init__(self, message: str, hint: str = "", path: object = None, at: tuple[int, int] | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        # where in a file (gk.toml) the error is, when it is in one: a CI annotation or report puts it on that line
        self.path = path
        self.at = at


def os_reason(e: OSError) -> str:
    """What the system refused, in Chinese."""
    import errno

    said = {errno.ENOSPC: "磁盘空间已满，未能写入", errno.EDQUOT: "超出磁盘配额，未能写入", errno.EACCES: "没有权限",
            errno.EPERM: "不允许的操作（没有权限）", errno.EROFS: "文件系统是只读的，未能写入", errno.ENOENT: "文件或目录不存在",
            errno.ENOTDIR: "路径中有一段不是目录", errno.EISDIR: "是一个目录，不是文件", errno.ENAMETOOLONG: "文件名过长",
            errno.EIO: "读写出错（I/O 错误）", errno.EMFILE: "同时打开的文件过多",
            errno.EEXIST: "路径中有同名的文件（或目录）", errno.ELOOP: "符号链接循环（链接指向自己或彼此）",
            errno.ENXIO: "设备不存在", errno.ENODEV: "设备不存在", errno.EBUSY: "文件正被占用",
            errno.EFBIG: "超过文件大小限制，未能写入", errno.ENFILE: "系统中打开的文件过多",
            errno.EXDEV: "不能在两个文件系统（磁盘）之间改名移动", errno.ETXTBSY: "文件正被运行，不能写入",
            errno.ESTALE: "网络文件系统上的文件已失效，请重新进入该目录", errno.EAGAIN: "资源暂时不可用，请稍后重试"}
    # a code not listed: said in Chinese all the same (the system's English words only beside it)
    return said.get(e.errno or 0) or f"系统错误（{e.strerror or e}）"
