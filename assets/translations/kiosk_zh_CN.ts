<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>kiosk</name>
    <message>
        <source>Tap to start</source>
        <translation>点击开始</translation>
    </message>
    <message>
        <source>Or go straight to a part:</source>
        <translation>或直接选一部分：</translation>
    </message>
    <message>
        <source>%1.  %2</source>
        <extracomment>%1 is the section&apos;s number, %2 its title (from the article, not translated).</extracomment>
        <translation>%1.  %2</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <extracomment>%1 is the next section&apos;s title (from the article, not translated).</extracomment>
        <translation>接下来：%1</translation>
    </message>
    <message>
        <source>Next: The end</source>
        <translation>接下来：结束</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>文字大小</translation>
    </message>
    <message>
        <source>A</source>
        <extracomment>One letter of the language&apos;s alphabet that looks like a letter at a glance.</extracomment>
        <translation>字</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>放大文字</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>朗读</translation>
    </message>
    <message>
        <source>Stop reading</source>
        <translation>停止朗读</translation>
    </message>
    <message>
        <source>Part %1 of %2 · Page %3 of %4</source>
        <extracomment>The footer of the reading screen. Pages are counted within the section.</extracomment>
        <translation>第 %1 部分，共 %2 部分 · 第 %3 页，共 %4 页</translation>
    </message>
    <message numerus="yes">
        <source>%n percent read</source>
        <translation>
            <numerusform>已读 %n%</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (continued)</source>
        <extracomment>%1 is the section&apos;s title (from the article, not translated).</extracomment>
        <translation>%1（续）</translation>
    </message>
    <message>
        <source>[Picture: %1]</source>
        <extracomment>%1 is the picture&apos;s description (from the article, not translated).</extracomment>
        <translation>[图片：%1]</translation>
    </message>
    <message>
        <source>General information, not medical advice. Please ask your care team.</source>
        <translation>一般信息，不是医疗建议。请咨询您的医护团队。</translation>
    </message>
    <message>
        <source>Introduction</source>
        <translation>简介</translation>
    </message>
    <message>
        <source>About this information</source>
        <translation>关于这些信息</translation>
    </message>
    <message>
        <source>Last reviewed</source>
        <translation>最近审核</translation>
    </message>
    <message>
        <source>Next review due</source>
        <translation>下次审核</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Sources</source>
        <extracomment>The heading over the list of sources an article&apos;s facts come from.</extracomment>
        <translation>资料来源</translation>
    </message>
    <message>
        <source>This article does not say when it was reviewed or where its information comes from. Please ask your care team about anything in it.</source>
        <translation>本文没有说明何时审核过，也没有说明信息来自哪里。如有疑问，请询问您的医护团队。</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <extracomment>The short form of &quot;Part %1 of %2 · Page %3 of %4&quot; on a small panel.
----------
%1 is the page&apos;s number, %2 how many pages there are.</extracomment>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <extracomment>The page within the section and how many it has, as on a 7&quot; panel: &quot;3 / 8&quot;.</extracomment>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>You have reached the end</source>
        <translation>您已经读完了</translation>
    </message>
    <message>
        <source>Thank you for reading.</source>
        <translation>感谢您的阅读。</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>从头开始</translation>
    </message>
    <message>
        <source>Back to the last page</source>
        <translation>回到最后一页</translation>
    </message>
    <message>
        <source>Still reading?</source>
        <translation>您还在看吗？</translation>
    </message>
    <message>
        <source>Tap anywhere to continue</source>
        <translation>点击屏幕任意位置继续</translation>
    </message>
    <message numerus="yes">
        <source>Going back to the start in %n seconds</source>
        <translation>
            <numerusform>%n 秒后回到首页</numerusform>
        </translation>
    </message>
    <message>
        <source>This screen is being updated</source>
        <translation>此屏幕正在更新</translation>
    </message>
    <message>
        <source>Please ask at the desk if you would like information in the meantime.</source>
        <translation>在此期间如需了解信息，请到服务台咨询。</translation>
    </message>
    <message>
        <source>Staff access: enter the PIN</source>
        <translation>工作人员入口：请输入密码</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n tries left.</source>
        <translation>
            <numerusform>密码错误。还可以再试 %n 次。</numerusform>
        </translation>
    </message>
    <message>
        <source>Staff access is locked</source>
        <translation>工作人员入口已锁定</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again after %1.</source>
        <extracomment>%1 is a time of day, such as 14:05.</extracomment>
        <translation>密码错误次数过多。请在 %1 之后再试。</translation>
    </message>
    <message>
        <source>No staff PIN is set</source>
        <translation>尚未设置工作人员密码</translation>
    </message>
    <message>
        <source>Anyone can open the staff screen until a PIN is set. To open it, hold the button below for 3 seconds. To set a PIN, run this on the kiosk&apos;s computer:
%1</source>
        <extracomment>%1 is a command line, such as /home/clinic/kiosk/.venv/bin/kiosk set-pin</extracomment>
        <translation>设置密码之前，任何人都能打开工作人员界面。要打开它，请按住下面的按钮 3 秒。要设置密码，请在信息屏的电脑上运行：
%1</translation>
    </message>
    <message>
        <source>Hold to open the staff screen</source>
        <translation>按住打开工作人员界面</translation>
    </message>
    <message>
        <source>No staff PIN is set: anyone can open this screen. Set one with: %1</source>
        <extracomment>%1 is a command line, such as /home/clinic/kiosk/.venv/bin/kiosk set-pin</extracomment>
        <translation>尚未设置工作人员密码：任何人都能打开此界面。设置密码请运行：%1</translation>
    </message>
    <message>
        <source>Staff access is not available here.</source>
        <translation>此处无法使用工作人员入口。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Staff access: wrong tries cannot be saved to %1 (%2); the lock still holds until the kiosk restarts.</source>
        <extracomment>%1 is a file&apos;s path; %2 is the system&apos;s reason, such as &quot;No space left on device&quot;.</extracomment>
        <translation>工作人员入口：无法把输错的次数保存到 %1（%2）；在信息屏重新启动之前，锁定仍然有效。</translation>
    </message>
    <message>
        <source>The staff PIN cannot be used</source>
        <translation>工作人员密码无法使用</translation>
    </message>
    <message>
        <source>The staff PIN kept in the config file cannot be read or is not safe, so the staff screen stays closed. The log and &apos;kiosk check&apos; say why. To set the PIN again, run this on the kiosk&apos;s computer:
%1</source>
        <extracomment>%1 is a command line, such as /home/clinic/kiosk/.venv/bin/kiosk set-pin</extracomment>
        <translation>配置文件中保存的工作人员密码无法读取或不安全，因此工作人员界面保持关闭。日志和“kiosk check”会说明原因。要重新设置密码，请在信息屏的电脑上运行：
%1</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <source>Reload content</source>
        <translation>重新加载内容</translation>
    </message>
    <message>
        <source>Exit kiosk</source>
        <translation>退出信息屏</translation>
    </message>
    <message>
        <source>Back to kiosk</source>
        <translation>返回信息屏</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>问题：</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <source>To fix when you can (the kiosk still works):</source>
        <translation>有空时请修复（信息屏仍可正常使用）：</translation>
    </message>
    <message>
        <source>Close the kiosk?</source>
        <translation>要关闭信息屏吗？</translation>
    </message>
    <message>
        <source>Patients will see the desktop until it starts again.</source>
        <translation>在信息屏重新启动之前，患者会看到电脑桌面。</translation>
    </message>
    <message>
        <source>Yes, close it</source>
        <translation>是，关闭</translation>
    </message>
    <message>
        <source>No, go back</source>
        <translation>否，返回</translation>
    </message>
    <message>
        <source>Checking the content…</source>
        <translation>正在检查内容…</translation>
    </message>
    <message>
        <source>Waiting-room kiosk</source>
        <translation>候诊室信息屏</translation>
    </message>
    <message>
        <source>Quieter</source>
        <translation>小声一点</translation>
    </message>
    <message>
        <source>Louder</source>
        <translation>大声一点</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>慢一点</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>快一点</translation>
    </message>
    <message>
        <source>Read aloud more quietly</source>
        <translation>朗读声音小一点</translation>
    </message>
    <message>
        <source>Read aloud louder</source>
        <translation>朗读声音大一点</translation>
    </message>
    <message>
        <source>Read aloud more slowly</source>
        <translation>朗读慢一点</translation>
    </message>
    <message>
        <source>Read aloud faster</source>
        <translation>朗读快一点</translation>
    </message>
    <message>
        <source>Volume: Quiet</source>
        <translation>音量：小</translation>
    </message>
    <message>
        <source>Volume: Loud</source>
        <translation>音量：大</translation>
    </message>
    <message>
        <source>Volume: Normal</source>
        <translation>音量：正常</translation>
    </message>
    <message>
        <source>Speed: Slower</source>
        <translation>语速：较慢</translation>
    </message>
    <message>
        <source>Speed: Faster</source>
        <translation>语速：较快</translation>
    </message>
    <message>
        <source>Speed: Normal</source>
        <translation>语速：正常</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <source>Read aloud&apos;s volume and speed</source>
        <translation>朗读的音量和语速</translation>
    </message>
    <message numerus="yes">
        <source>About %n minutes to read</source>
        <translation>
            <numerusform>约 %n 分钟读完</numerusform>
        </translation>
    </message>
    <message>
        <source>A−</source>
        <extracomment>A letter A and a minus sign: the usual sign for &quot;smaller text&quot;.</extracomment>
        <translation>字−</translation>
    </message>
    <message>
        <source>A+</source>
        <extracomment>A letter A and a plus sign: the usual sign for &quot;larger text&quot;.</extracomment>
        <translation>字+</translation>
    </message>
    <message>
        <source>Carry on reading: %1</source>
        <extracomment>%1 is the title of the section the patient was reading (from the article).</extracomment>
        <translation>继续阅读：%1</translation>
    </message>
    <message>
        <source>More parts</source>
        <translation>后面的部分</translation>
    </message>
    <message>
        <source>Previous parts</source>
        <translation>前面的部分</translation>
    </message>
    <message>
        <source>More</source>
        <translation>下一组</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一组</translation>
    </message>
    <message>
        <source>Choose a part</source>
        <translation>选择部分</translation>
    </message>
    <message>
        <source>Parts</source>
        <extracomment>Keep it short: it sits beside &quot;Tap to start&quot; on a 7-inch screen.</extracomment>
        <translation>目录</translation>
    </message>
    <message>
        <source>All leaflets</source>
        <translation>全部资料</translation>
    </message>
    <message>
        <source>Leaflets</source>
        <extracomment>Keep it short: it shares a row with the language buttons on a 7-inch screen.</extracomment>
        <translation>资料</translation>
    </message>
    <message>
        <source>Part %1 of %2</source>
        <extracomment>%1 is the part&apos;s number, %2 how many parts there are.</extracomment>
        <translation>第 %1 部分，共 %2 部分</translation>
    </message>
    <message>
        <source>Parts %1–%2 of %3</source>
        <extracomment>%1 and %2 are the first and last part shown, %3 how many parts there are.</extracomment>
        <translation>第 %1–%2 部分，共 %3 部分</translation>
    </message>
    <message>
        <source>%1%</source>
        <extracomment>%1 is a whole number from 100 (Standard) to 200; write the percent sign as your language does (&quot;125 %&quot; in French).</extracomment>
        <translation>%1%</translation>
    </message>
    <message>
        <source>The clinic is closed.</source>
        <translation>诊所已停诊。</translation>
    </message>
    <message>
        <source>The clinic is closed. This screen turns on at %1.</source>
        <extracomment>%1 is a time of day, such as 08:00.</extracomment>
        <translation>诊所已停诊。本屏幕将于 %1 开启。</translation>
    </message>
    <message>
        <source>The clinic is closed. This screen turns on at %1 on %2.</source>
        <extracomment>%1 is a time of day, such as 08:00; %2 a day of the week (&quot;Monday&quot;) or, more than a week ahead, a date (&quot;Monday, 5 January 2026&quot;).</extracomment>
        <translation>诊所已停诊。本屏幕将于 %2 %1 开启。</translation>
    </message>
    <message>
        <source>Clean the screen</source>
        <translation>清洁屏幕</translation>
    </message>
    <message numerus="yes">
        <source>Cleaning: touches are ignored for %n seconds</source>
        <translation>
            <numerusform>清洁中：%n 秒内触摸屏幕无反应</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>To stop sooner, hold a finger on the number for %n seconds.</source>
        <translation>
            <numerusform>如需提前结束，请用手指按住数字 %n 秒。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Readings in the last %n days</source>
        <translation>
            <numerusform>最近 %n 天的阅读次数</numerusform>
        </translation>
    </message>
    <message>
        <source>No readings counted yet.</source>
        <translation>目前还没有阅读记录。</translation>
    </message>
    <message>
        <source>Readings started</source>
        <translation>开始阅读</translation>
    </message>
    <message>
        <source>Readings finished</source>
        <translation>读完</translation>
    </message>
    <message>
        <source>Started: %1. Finished: %2.</source>
        <extracomment>%1 and %2 are numbers of readings.</extracomment>
        <translation>开始：%1 次。读完：%2 次。</translation>
    </message>
    <message>
        <source>All other articles</source>
        <translation>其他所有文章</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <extracomment>%1 and %2 are dates, such as &quot;3 March&quot;.</extracomment>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>Where readers stop</source>
        <translation>读者在哪里停下</translation>
    </message>
    <message>
        <source>How many of the readings started got as far as each part:</source>
        <translation>开始的阅读中，读到各部分的次数：</translation>
    </message>
    <message>
        <source>Part %1</source>
        <extracomment>%1 is the part&apos;s number in the article.</extracomment>
        <translation>第 %1 部分</translation>
    </message>
    <message>
        <source>More readers stop between part %1 and part %2 than anywhere else.</source>
        <extracomment>%1 and %2 are the numbers of two parts that follow each other.</extracomment>
        <translation>在第 %1 部分和第 %2 部分之间停下的读者最多。</translation>
    </message>
    <message>
        <source>Scan with your phone&apos;s camera to read this at home</source>
        <translation>用手机相机扫一扫，回家再看</translation>
    </message>
    <message>
        <source>Choose what to read</source>
        <translation>请选择要阅读的内容</translation>
    </message>
    <message>
        <source>Other leaflets</source>
        <translation>其他资料</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Previous</source>
        <comment>page</comment>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next</source>
        <comment>page</comment>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Language: %1</source>
        <extracomment>%1 is the language chosen, in its own name (&quot;English&quot;, &quot;Español&quot;).</extracomment>
        <translation>语言：%1</translation>
    </message>
</context>
</TS>
