from enum import StrEnum


class ChannelsListKind(StrEnum):
    BLOG = "blog"
    DOUYIN = "douyin"
    OTHER = "other"
    WECHAT_GROUP = "wechat_group"
    WECHAT_MOMENTS = "wechat_moments"
    WEIBO = "weibo"
    XIAOHONGSHU = "xiaohongshu"

    def __str__(self) -> str:
        return str(self.value)
